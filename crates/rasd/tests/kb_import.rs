//! Integration tests of the knowledge-base importers (`rasd kb
//! import-geonames`, `kb add-places`, `kb add-actors`): what they write,
//! how they report bad lines, and that `rasd extract --kb` then uses it.

// shared with cli.rs, which uses the helpers this file does not
#[allow(dead_code)]
mod common;

use common::{actor_name, text, TempDir};
use std::collections::HashMap;
use std::path::Path;

/// A line of GeoNames' main table. The importer reads the named fields; the
/// others (cc2, admin3, admin4, elevation, dem, timezone, date) are filled
/// as GeoNames fills them.
struct Geoname<'a> {
    id: u64,
    name: &'a str,
    ascii_name: &'a str,
    /// Comma-separated, every language mixed, as in the dump.
    alternate_names: &'a str,
    lat: &'a str,
    lon: &'a str,
    feature_class: &'a str,
    feature_code: &'a str,
    country: &'a str,
    admin1: &'a str,
    admin2: &'a str,
    population: u64,
}

impl Geoname<'_> {
    fn line(&self) -> String {
        let (id, population) = (self.id.to_string(), self.population.to_string());
        let columns = [
            id.as_str(),
            self.name,
            self.ascii_name,
            self.alternate_names,
            self.lat,
            self.lon,
            self.feature_class,
            self.feature_code,
            self.country,
            "",
            self.admin1,
            self.admin2,
            "",
            "",
            population.as_str(),
            "",
            "412",
            "Asia/Damascus",
            "2023-11-08",
        ];
        format!("{}\n", columns.join("\t"))
    }
}

/// A city (feature class P, code PPL) of Idlib (admin1 code 07 in these
/// fixtures).
fn idlib_village<'a>(
    id: u64,
    name: &'a str,
    alternate_names: &'a str,
    (lat, lon): (&'a str, &'a str),
) -> Geoname<'a> {
    Geoname {
        id,
        name,
        ascii_name: name,
        alternate_names,
        lat,
        lon,
        feature_class: "P",
        feature_code: "PPL",
        country: "SY",
        admin1: "07",
        admin2: "",
        population: 4200,
    }
}

/// A line of alternateNamesV2.txt (10 columns).
fn alternate_name(row: u64, geonameid: u64, language: &str, name: &str, flags: &str) -> String {
    let preferred = if flags.contains("preferred") { "1" } else { "" };
    let historic = if flags.contains("historic") { "1" } else { "" };
    format!("{row}\t{geonameid}\t{language}\t{name}\t{preferred}\t\t\t{historic}\t\t\n")
}

/// The rows of a TSV file with a header, as maps from column name to cell.
fn table(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} is readable: {e}", path.display()));
    let mut lines = text.lines().filter(|line| !line.starts_with('#'));
    let header: Vec<&str> = lines.next().expect("a header line").split('\t').collect();
    lines
        .map(|line| {
            header
                .iter()
                .zip(line.split('\t').chain(std::iter::repeat("")))
                .map(|(column, cell)| (column.to_string(), cell.to_string()))
                .collect()
        })
        .collect()
}

/// The row whose `id` column is `id`.
fn row<'t>(rows: &'t [HashMap<String, String>], id: &str) -> &'t HashMap<String, String> {
    rows.iter()
        .find(|row| row["id"] == id)
        .unwrap_or_else(|| panic!("no row {id} in {rows:#?}"))
}

fn list(cell: &str) -> Vec<&str> {
    cell.split('|').filter(|item| !item.is_empty()).collect()
}

const AL_BARA: u64 = 900_000_102;
const KANSAFRA: u64 = 900_000_103;
const ALBU_AJIL: u64 = 900_000_105;
/// Kafr Nubl, which the built-in knowledge base has.
const KAFRANBEL: u64 = 168_661;

#[test]
fn import_geonames_keeps_places_with_their_names_and_reports_bad_lines() {
    let dir = TempDir::new("import_geonames");
    let province = Geoname {
        id: 900_000_101,
        name: "Idlib Governorate",
        ascii_name: "Idlib Governorate",
        alternate_names: "Idlib,Muhafazat Idlib,محافظة إدلب",
        lat: "35.75",
        lon: "36.58",
        feature_class: "A",
        feature_code: "ADM1",
        country: "SY",
        admin1: "07",
        admin2: "",
        population: 1_500_000,
    };
    let al_bara = idlib_village(
        AL_BARA,
        "Al Bārah",
        "ALB,Al-Bara,El Bara,al-Bārah",
        ("35.6825", "36.5411"),
    );
    // no Arabic name here: it comes from the alternate names file
    let kansafra = idlib_village(KANSAFRA, "Kansafrah", "Kansafra", ("35.6653", "36.5058"));
    let wadi = Geoname {
        feature_class: "H",
        feature_code: "WAD",
        ..idlib_village(900_000_107, "Wadi al Bara", "", ("35.69", "36.55"))
    };
    let iraqi_village = Geoname {
        country: "IQ",
        admin1: "18",
        ..idlib_village(ALBU_AJIL, "Albu Ajil", "البو عجيل", ("34.6483", "43.7436"))
    };
    let built_in_town = idlib_village(KAFRANBEL, "Kafr Nubl", "كفرنبل", ("35.6138", "36.5645"));
    let main_table = [
        province.line().into_bytes(),
        al_bara.line().into_bytes(),
        kansafra.line().into_bytes(),
        // line 4: cut short
        b"900000104\tBroken\tBroken\t\t35.1\t36.1\tP\n".to_vec(),
        // line 5: Latin-1, not UTF-8
        b"900000106\tCaf\xe9\tCafe\t\t35.2\t36.2\tP\tPPL\tSY\t\t07\t\t\t\t10\t\t\t\t2023-11-08\n"
            .to_vec(),
        wadi.line().into_bytes(),
        iraqi_village.line().into_bytes(),
        built_in_town.line().into_bytes(),
    ];
    dir.write("SY.txt", main_table.concat());

    let alternate_names = [
        alternate_name(1, AL_BARA, "ar", "البارة", "preferred"),
        alternate_name(2, AL_BARA, "en", "Al Bara", ""),
        alternate_name(
            3,
            AL_BARA,
            "link",
            "https://en.wikipedia.org/wiki/Al-Bara",
            "",
        ),
        alternate_name(4, AL_BARA, "ar", "كفر البارة القديمة", "historic"),
        alternate_name(5, KANSAFRA, "ar", "كَنْصَفْرَة", ""),
        alternate_name(6, KANSAFRA, "fa", "کنصفره", ""),
        alternate_name(7, ALBU_AJIL, "ar", "البوعجيل", ""),
    ]
    .concat();
    dir.write("alternateNamesV2.txt", alternate_names);

    let run = dir.rasd(&[
        "kb",
        "import-geonames",
        "SY.txt",
        "alternateNamesV2.txt",
        "--countries",
        "SY,YE",
        "--out",
        "kb",
    ]);
    run.assert_success().assert_stderr_mentions(&[
        "SY.txt:4: expected 19 TAB-separated columns, found 7",
        "SY.txt:5: not UTF-8",
    ]);
    assert!(
        run.stdout.contains("wrote kb/places.tsv"),
        "summary: {}",
        run.stdout
    );
    assert!(run.stdout.contains("1 other country"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("1 already in the built-in knowledge base"),
        "{}",
        run.stdout
    );

    let places = table(&dir.path().join("kb/places.tsv"));
    assert_eq!(places.len(), 3, "{places:#?}");
    let province = row(&places, "gn:900000101");
    assert_eq!(province["kind"], "admin1");
    assert_eq!(province["name"], "Idlib");
    assert_eq!(
        list(&province["names_ar"]),
        ["محافظة إدلب", "إدلب"],
        "with the name news uses, without محافظة"
    );

    let al_bara = row(&places, &format!("gn:{AL_BARA}"));
    assert_eq!(al_bara["kind"], "city");
    assert_eq!(al_bara["name"], "Al Barah");
    assert_eq!(list(&al_bara["names_ar"]), ["البارة"]);
    assert_eq!(al_bara["admin1"], "Idlib", "from the ADM1 row");
    assert_eq!(
        (&*al_bara["lat"], &*al_bara["lon"]),
        ("35.68250", "36.54110")
    );
    assert_eq!(al_bara["population"], "4200");
    assert_eq!(
        list(&al_bara["names_latin"]),
        ["Al Barah", "Al-Bara", "El Bara", "al-Barah", "Al Bara"],
        "folded, without codes, links or repeats"
    );

    let kansafra = row(&places, &format!("gn:{KANSAFRA}"));
    assert_eq!(
        list(&kansafra["names_ar"]),
        ["كنصفرة"],
        "the ar row, without its marks; the Persian spelling is not Arabic"
    );
    assert!(
        !places.iter().any(|p| p["country"] == "IQ"),
        "--countries leaves Iraq out"
    );
    dir.rasd(&["kb", "check", "--kb", "kb"]).assert_success();
}

#[test]
fn import_geonames_replaces_rows_by_id_and_fails_when_nothing_is_kept() {
    let dir = TempDir::new("import_geonames_merge");
    let village = |population| Geoname {
        population,
        ..idlib_village(AL_BARA, "Al Barah", "البارة", ("35.6825", "36.5411"))
    };
    dir.write("first.txt", village(4200).line());
    dir.write("second.txt", village(5100).line());
    for input in ["first.txt", "second.txt"] {
        dir.rasd(&["kb", "import-geonames", input, "--out", "kb"])
            .assert_success();
    }
    let places = table(&dir.path().join("kb/places.tsv"));
    assert_eq!(places.len(), 1, "{places:#?}");
    assert_eq!(places[0]["population"], "5100");

    let before = std::fs::read(dir.path().join("kb/places.tsv")).unwrap();
    dir.rasd(&[
        "kb",
        "import-geonames",
        "first.txt",
        "--countries",
        "YE",
        "--out",
        "kb",
    ])
    .assert_failure()
    .assert_stderr_mentions(&["no place could be imported"]);
    assert_eq!(
        std::fs::read(dir.path().join("kb/places.tsv")).unwrap(),
        before
    );
}

/// A shelling of al-Bara reported in Arabic (our own wording).
const AL_BARA_SHELLING: &str = "قصفت قوات النظام السوري بالمدفعية الثقيلة صباح اليوم قرية البارة في ريف إدلب الجنوبي، ما أدى إلى مقتل مدنيين اثنين وإصابة ثلاثة آخرين.\n";

#[test]
fn imported_village_is_where_extract_places_the_event() {
    let dir = TempDir::new("import_geonames_extract");
    // no ADM1 row: admin1 comes from the nearest built-in province
    dir.write(
        "SY.txt",
        idlib_village(AL_BARA, "Al Barah", "Al-Bara", ("35.6825", "36.5411")).line(),
    );
    dir.write(
        "alternateNamesV2.txt",
        alternate_name(1, AL_BARA, "ar", "البارة", ""),
    );
    dir.write("article.txt", AL_BARA_SHELLING);
    dir.rasd(&[
        "kb",
        "import-geonames",
        "SY.txt",
        "alternateNamesV2.txt",
        "--out",
        "kb",
    ])
    .assert_success();
    let places = table(&dir.path().join("kb/places.tsv"));
    assert_eq!(row(&places, &format!("gn:{AL_BARA}"))["admin1"], "Idlib");

    let extract = |kb: &[&str]| {
        let mut args = vec!["extract", "--published", "2024-05-02"];
        args.extend(kb);
        args.push("article.txt");
        dir.rasd(&args).assert_success().events()
    };
    let with_kb = extract(&["--kb", "kb"]);
    let event = with_kb
        .iter()
        .find(|e| text(e, "location") == Some("Al Barah"))
        .unwrap_or_else(|| panic!("no event in Al Barah: {with_kb:#?}"));
    assert_eq!(event["latitude"].as_f64(), Some(35.6825));
    assert_eq!(event["longitude"].as_f64(), Some(36.5411));
    assert_eq!(text(event, "admin1"), Some("Idlib"));

    let without_kb = extract(&[]);
    assert!(!without_kb.is_empty());
    assert!(
        without_kb
            .iter()
            .all(|e| text(e, "location") != Some("Al Barah")),
        "{without_kb:#?}"
    );
}

const PLACES_LIST: &str = "\
name_ar\tname\tlat\tlon\tcountry\tadmin1\tadmin2\tpopulation\tkind
# villages of Jabal al-Zawiya
سفوهن\tSufuhun\t35.646\t36.524\tsy\t\t\t900
كنصفرة|كن صفرة\tKansafra\t35.6653\t36.5058\tSY\tIdlib
قرية\tNowhere\t35.1\t36.1\tSY
الحجرة\tAl Hajjarah\t115.1\t43.6\tYE
الحجرة\tAl Hajjarah\t15.12\t43.64\tXX
النصر\tAn Nasr\t33.3\t44.1\tIQ\t\t\t300
\tNameless\t33.1\t44.2\tIQ
سفوهن\tSufuhun\t35.6461\t36.5241\tSY
حصن\tHisn\t33.2\t44.3\tIQ\t\t\tmany
";

#[test]
fn add_places_writes_valid_rows_reports_the_others_and_merges() {
    let dir = TempDir::new("add_places");
    dir.write("places.txt", PLACES_LIST);
    let run = dir.rasd(&["kb", "add-places", "places.txt", "--out", "kb"]);
    run.assert_success().assert_stderr_mentions(&[
        "places.txt:5: \"قرية\" is not usable",
        "places.txt:6: lat 115.1 is outside",
        "places.txt:7: country \"XX\"",
        "places.txt:9: no Arabic name",
        "places.txt:10: same name, country and admin1 as line 3",
        "places.txt:11: population is not a whole number",
    ]);
    let places = table(&dir.path().join("kb/places.tsv"));
    assert_eq!(places.len(), 3, "{places:#?}");
    let sufuhun = row(&places, "user:sy:sufuhun");
    assert_eq!(sufuhun["kind"], "city");
    assert_eq!(sufuhun["country"], "SY");
    assert_eq!(sufuhun["admin1"], "Idlib", "the nearest built-in province");
    assert_eq!(sufuhun["population"], "900");
    let kansafra = row(&places, "user:sy:idlib:kansafra");
    assert_eq!(list(&kansafra["names_ar"]), ["كنصفرة", "كن صفرة"]);
    let nasr = row(&places, "user:iq:an-nasr");
    assert_eq!(
        nasr["flags"], "common",
        "a small place named by an everyday word"
    );

    // a second run replaces the same rows instead of adding them again
    dir.rasd(&["kb", "add-places", "places.txt", "--out", "kb"])
        .assert_success();
    assert_eq!(table(&dir.path().join("kb/places.tsv")).len(), 3);
    dir.rasd(&["kb", "check", "--kb", "kb"]).assert_success();
}

#[test]
fn add_places_fails_on_a_list_without_its_header() {
    let dir = TempDir::new("add_places_header");
    dir.write("places.txt", "سفوهن\tSufuhun\t35.646\t36.524\tSY\n");
    dir.rasd(&["kb", "add-places", "places.txt", "--out", "kb"])
        .assert_failure()
        .assert_stderr_mentions(&["places.txt:1: the header must name the columns"]);
    assert!(!dir.path().join("kb").exists());
}

const ACTORS_HEADER: &str =
    "id\tname\tname_ar\taliases_ar\taliases_en\tinter\tcountry\tparent\tactive\twikidata";

/// An attack by a group the built-in knowledge base does not know (our own
/// wording).
const NEW_GROUP_ATTACK: &str = "هاجمت كتائب الفجر الجديد صباح اليوم حاجزا لقوات النظام السوري قرب بلدة كفرنبل في ريف إدلب الجنوبي، ما أسفر عن مقتل ثلاثة عناصر.\n";

#[test]
fn add_actors_writes_valid_rows_reports_the_others_and_extract_finds_them() {
    let dir = TempDir::new("add_actors");
    let actors = format!(
        "{ACTORS_HEADER}
new-dawn\tNew Dawn Brigades\tكتائب الفجر الجديد\tالفجر الجديد\tNDB\t2\tSY\tsy-opposition\t2023-\t
two words\tX\tجماعة س\t\t\t2\tSY\t\t\t
nine\tNine\tجماعة ع\t\t\t9\tSY\t\t\t
nowhere\tNowhere\tجماعة ص\t\t\t2\tZZ\t\t\t
orphan\tOrphan\tجماعة ق\t\t\t3\tSY\tno-such-actor\t\t
new-dawn\tNew Dawn\tالفجر\t\t\t2\tSY\t\t\t
latin-only\tLatin Only\t\t\tLO\t3\tIQ\t\t\t
militia\tLocal Militia\tميليشيا محلية\t\t\t4\t*\t\t\t
"
    );
    dir.write("actors.txt", &actors);
    let run = dir.rasd(&["kb", "add-actors", "actors.txt", "--out", "kb"]);
    run.assert_success().assert_stderr_mentions(&[
        "actors.txt:3: id must be one word",
        "actors.txt:4: inter must be 1 to 8, found 9",
        "actors.txt:5: country must be * or an ISO2 code",
        "actors.txt:6: parent \"no-such-actor\"",
        "actors.txt:7: id new-dawn is already used on line 2",
        "actors.txt:8: no Arabic name",
        "actors.txt:9: a generic actor (country *) needs {country}",
    ]);
    let rows = table(&dir.path().join("kb/actors.tsv"));
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(row(&rows, "new-dawn")["parent"], "sy-opposition");

    dir.rasd(&["kb", "add-actors", "actors.txt", "--out", "kb"])
        .assert_success();
    assert_eq!(table(&dir.path().join("kb/actors.tsv")).len(), 1);

    dir.write("attack.txt", NEW_GROUP_ATTACK);
    let events = dir
        .rasd(&[
            "extract",
            "--published",
            "2024-05-02",
            "--kb",
            "kb",
            "attack.txt",
        ])
        .assert_success()
        .events();
    assert!(
        events
            .iter()
            .any(|e| actor_name(e, "actor1") == Some("New Dawn Brigades")),
        "{events:#?}"
    );
}

#[test]
fn add_actors_adds_names_to_a_built_in_actor_but_does_not_redefine_it() {
    let dir = TempDir::new("add_actors_built_in");
    let actors = format!(
        "{ACTORS_HEADER}
isis\tIslamic State\tداعش\tتنظيم داعش الإرهابي|خوارج البغدادي\tISKP\t2\tIQ\t\t\t
sy-military\tSyrian Army\tالجيش السوري\t\t\t1\tSY\t\t\t
"
    );
    dir.write("actors.txt", &actors);
    dir.rasd(&["kb", "add-actors", "actors.txt", "--out", "kb"])
        .assert_success()
        .assert_stderr_mentions(&["actors.txt:3: sy-military is the id of the built-in actor"]);
    let rows = table(&dir.path().join("kb/actors.tsv"));
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let isis = row(&rows, "isis");
    assert_eq!(
        (
            &*isis["name_ar"],
            &*isis["aliases_ar"],
            &*isis["aliases_en"]
        ),
        ("", "خوارج البغدادي", "ISKP"),
        "only the names the built-in actor lacks"
    );
}

#[test]
fn merging_into_a_table_of_another_format_is_refused() {
    let dir = TempDir::new("add_places_foreign");
    dir.write("kb/places.tsv", "iso2\tname\n");
    dir.write("places.txt", PLACES_LIST);
    dir.rasd(&["kb", "add-places", "places.txt", "--out", "kb"])
        .assert_failure()
        .assert_stderr_mentions(&["not merging into it"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("kb/places.tsv")).unwrap(),
        "iso2\tname\n"
    );
}

#[test]
fn importers_help_teaches_with_an_example() {
    let dir = TempDir::new("import_help");
    for command in ["import-geonames", "add-places", "add-actors"] {
        let help = dir.rasd(&["kb", command, "--help"]);
        let stdout = &help.assert_success().stdout;
        assert!(
            stdout.contains(&format!("rasd kb {command} ")) && stdout.contains("--out"),
            "{command} --help: {stdout}"
        );
    }
}
