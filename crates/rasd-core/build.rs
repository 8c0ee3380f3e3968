//! Unpacks the committed gazetteer (`data/places.tsv.gz`) for embedding, with
//! the curated towns of `data/places_added.tsv` after it: the repository
//! keeps it compressed, the binary keeps it ready to parse. Also
//! writes its Latin-name skeleton index (`places.skeletons`), which would
//! otherwise be computed at every start.

// only the index builder is used here
#[allow(dead_code)]
#[path = "src/knowledge/latin.rs"]
mod latin;

use std::io::Read;
use std::path::PathBuf;

fn main() {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/places.tsv.gz");
    println!("cargo:rerun-if-changed={}", source.display());
    println!("cargo:rerun-if-changed=src/knowledge/latin.rs");
    let compressed =
        std::fs::read(&source).unwrap_or_else(|e| panic!("reading {}: {e}", source.display()));
    let mut places = String::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .read_to_string(&mut places)
        .unwrap_or_else(|e| panic!("decompressing {}: {e}", source.display()));
    // curated towns the gazetteer lacks (data/README.md, places_added.tsv)
    let added = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/places_added.tsv");
    println!("cargo:rerun-if-changed={}", added.display());
    let added = std::fs::read_to_string(&added)
        .unwrap_or_else(|e| panic!("reading {}: {e}", added.display()));
    if !places.ends_with('\n') {
        places.push('\n');
    }
    for line in added.lines().skip(1) {
        if !line.trim().is_empty() && !line.starts_with('#') {
            places.push_str(line);
            places.push('\n');
        }
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let skeletons: Vec<u8> = latin::skeleton_index(&places)
        .into_iter()
        .flat_map(|(key, place)| key.to_le_bytes().into_iter().chain(place.to_le_bytes()))
        .collect();
    std::fs::write(out.join("places.skeletons"), skeletons).expect("writing the skeleton index");
    std::fs::write(out.join("places.tsv"), places).expect("writing the unpacked gazetteer");
}
