//! ACLED's event categories, verbatim.

/// One of ACLED's 25 sub-event types; each belongs to one of 6 event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubEventType {
    ArmedClash,
    GovernmentRegainsTerritory,
    NonStateActorOvertakesTerritory,
    ChemicalWeapon,
    AirDroneStrike,
    SuicideBomb,
    ShellingArtilleryMissileAttack,
    RemoteExplosiveLandmineIed,
    Grenade,
    SexualViolence,
    Attack,
    AbductionForcedDisappearance,
    PeacefulProtest,
    ProtestWithIntervention,
    ExcessiveForceAgainstProtesters,
    ViolentDemonstration,
    MobViolence,
    Agreement,
    Arrests,
    ChangeToGroupActivity,
    DisruptedWeaponsUse,
    HeadquartersOrBaseEstablished,
    LootingPropertyDestruction,
    NonViolentTransferOfTerritory,
    Other,
}

/// The six ACLED event types.
pub const EVENT_TYPES: [&str; 6] = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
];

use SubEventType::*;

const ALL: [(SubEventType, &str, usize); 25] = [
    (ArmedClash, "Armed clash", 0),
    (
        GovernmentRegainsTerritory,
        "Government regains territory",
        0,
    ),
    (
        NonStateActorOvertakesTerritory,
        "Non-state actor overtakes territory",
        0,
    ),
    (ChemicalWeapon, "Chemical weapon", 1),
    (AirDroneStrike, "Air/drone strike", 1),
    (SuicideBomb, "Suicide bomb", 1),
    (
        ShellingArtilleryMissileAttack,
        "Shelling/artillery/missile attack",
        1,
    ),
    (
        RemoteExplosiveLandmineIed,
        "Remote explosive/landmine/IED",
        1,
    ),
    (Grenade, "Grenade", 1),
    (SexualViolence, "Sexual violence", 2),
    (Attack, "Attack", 2),
    (
        AbductionForcedDisappearance,
        "Abduction/forced disappearance",
        2,
    ),
    (PeacefulProtest, "Peaceful protest", 3),
    (ProtestWithIntervention, "Protest with intervention", 3),
    (
        ExcessiveForceAgainstProtesters,
        "Excessive force against protesters",
        3,
    ),
    (ViolentDemonstration, "Violent demonstration", 4),
    (MobViolence, "Mob violence", 4),
    (Agreement, "Agreement", 5),
    (Arrests, "Arrests", 5),
    (ChangeToGroupActivity, "Change to group/activity", 5),
    (DisruptedWeaponsUse, "Disrupted weapons use", 5),
    (
        HeadquartersOrBaseEstablished,
        "Headquarters or base established",
        5,
    ),
    (
        LootingPropertyDestruction,
        "Looting/property destruction",
        5,
    ),
    (
        NonViolentTransferOfTerritory,
        "Non-violent transfer of territory",
        5,
    ),
    (Other, "Other", 5),
];

impl SubEventType {
    /// ACLED's name, verbatim.
    pub fn as_str(self) -> &'static str {
        ALL[self as usize].1
    }

    pub fn event_type(self) -> &'static str {
        EVENT_TYPES[ALL[self as usize].2]
    }

    /// Every sub-event type, in ACLED's order.
    pub fn all() -> impl Iterator<Item = SubEventType> {
        ALL.iter().map(|(s, _, _)| *s)
    }

    /// Parses ACLED's verbatim name.
    pub fn parse(name: &str) -> Option<SubEventType> {
        ALL.iter().find(|(_, n, _)| *n == name).map(|(s, _, _)| *s)
    }

    /// Political violence (battles, explosions, violence against civilians).
    pub fn is_violent(self) -> bool {
        ALL[self as usize].2 <= 2
    }

    /// A change of who holds ground, won by force (not a handover).
    pub fn is_territorial(self) -> bool {
        matches!(
            self,
            SubEventType::GovernmentRegainsTerritory
                | SubEventType::NonStateActorOvertakesTerritory
        )
    }

    /// ACLED's disorder type for the CSV export.
    pub fn disorder_type(self) -> &'static str {
        match ALL[self as usize].2 {
            0..=2 => "Political violence",
            3 | 4 => "Demonstrations",
            _ => "Strategic developments",
        }
    }
}

/// ACLED's interaction code: the two inter codes, smaller first (`12`, `17`).
pub fn interaction(inter1: Option<u8>, inter2: Option<u8>) -> u8 {
    match (inter1, inter2) {
        (Some(a), Some(b)) => a.min(b) * 10 + a.max(b),
        (Some(a), None) | (None, Some(a)) => a * 10,
        (None, None) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_map_to_types() {
        for (sub, name, _) in ALL {
            assert_eq!(SubEventType::parse(name), Some(sub));
            assert_eq!(sub.as_str(), name);
        }
        assert_eq!(SuicideBomb.event_type(), "Explosions/Remote violence");
        assert_eq!(Arrests.event_type(), "Strategic developments");
        assert_eq!(interaction(Some(2), Some(1)), 12);
    }
}
