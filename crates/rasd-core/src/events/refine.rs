//! Refinement: the final sub-event type and actor order of a merged event.

use super::{ActorMention, EventFrame, FigureKind, SPECIFIC};
use crate::acled::SubEventType;
use crate::document::{Document, MatchExt};
use crate::knowledge::{CueKind, Knowledge};

/// Settles the sub-event type from the actors and every trigger of the
/// event: who takes territory, crowds that turn violent or are fired on,
/// and generic violence against armed or civilian targets.
pub(super) fn refine_type(doc: &Document, kb: &Knowledge, event: &mut EventFrame) {
    use SubEventType::*;
    // "an attack ... with a car bomb": the weapon names what happened,
    // unless the text tells of fighting itself
    if let Some((trigger, weapon, priority)) = event.weapon {
        if event.generic_attack && !event.explicit_clash {
            event.sub_event = weapon;
            event.trigger = trigger;
            event.priority = priority;
            event.generic_attack = false;
        }
    }
    // a killing by remote means ("اغتيال قيادي بغارة"): ACLED codes remote
    // violence by its means; not a crowd's petrol bombs (قنابل المولوتوف)
    if event.sub_event == Attack && !event.explicit_clash && !event.crowd {
        if let Some(&means) = event
            .signals
            .iter()
            .find(|s| s.event_type() == "Explosions/Remote violence")
        {
            event.sub_event = means;
        }
    }
    let inter = |a: Option<ActorMention>| a.map(|a| kb.actors[a.actor].inter);
    let (inter1, inter2) = (inter(event.actor1), inter(event.actor2));
    let killed = event.figures.iter().any(|f| f.kind == FigureKind::Killed);
    let signals = &event.signals;
    // "قصفت الطائرات": bombardment from the air (and a grenade dropped or
    // a shell fired by a drone: ألقت مسيرة قنبلة صوتية، وكانت مسيرات قد قصفت)
    let dropped_by_drone = matches!(event.sub_event, Grenade | ShellingArtilleryMissileAttack)
        && !event.crowd
        && event.signals.contains(&AirDroneStrike);
    if matches!(event.sub_event, ShellingArtilleryMissileAttack | Grenade) && event.aerial
        || dropped_by_drone
    {
        event.sub_event = AirDroneStrike;
        // (the aircraft is the specific weapon: "وكانت مسيرات قد قصفت")
        event.priority = event.priority.max(SPECIFIC);
    }
    // a foiled bombing is a disrupted use of weapons
    if event.attempted && event.sub_event.event_type() == "Explosions/Remote violence" {
        event.sub_event = DisruptedWeaponsUse;
    }
    // but an attack foiled with people killed (أحبطت هجوما ... وقتلت
    // عشرين من المهاجمين) was fought off: a clash
    let foiled_attack = || {
        let after = doc.matches[event.trigger].last_token + 1;
        doc.matches_in(after..after + 1)
            .iter()
            .any(|m| m.triggers().any(|t| kb.triggers[t].attack))
    };
    if event.sub_event == DisruptedWeaponsUse && killed && foiled_attack() {
        event.sub_event = ArmedClash;
    }
    // "مسيرة" is a march among protesters and a drone elsewhere, as it is
    // when it strikes something ("وكانت مسيرات قد ضربت")
    let strikes = || {
        let mut next = doc.matches[event.trigger].last_token + 1;
        if next < doc.tokens.len() && kb.is_cue_word(CueKind::Retold, doc.word(next)) {
            next += 1;
        }
        next < doc.tokens.len() && kb.is_cue_word(CueKind::Target, doc.word(next))
    };
    let weapon_context = event.aerial
        || !event.figures.is_empty()
        || event
            .signals
            .iter()
            .filter(|s| **s != AirDroneStrike)
            .any(|s| s.is_violent())
        || strikes();
    if event.sub_event == AirDroneStrike && event.march {
        if event.crowd || !weapon_context {
            event.sub_event = PeacefulProtest;
        } else {
            // a drone, then, as specific as "طائرة مسيرة"
            event.priority = event.priority.max(SPECIFIC);
        }
    }
    // the event is a demonstration when its own trigger or its actor says
    // so, or when protesters are in its sentences; not a strike or a shell
    // that hits a crowd (workers killed by an air strike), which ACLED codes
    // as the remote violence it is
    let remote = event.sub_event.event_type() == "Explosions/Remote violence";
    let crowd = !remote
        && (matches!(inter1, Some(5 | 6))
            || event.sub_event.event_type() == "Protests"
            || event.crowd);
    let state_acts = inter1 == Some(1);
    // what rioters do: destruction, mob violence, fighting itself
    let crowd_violence = event.explicit_clash
        || signals.iter().any(|s| {
            matches!(
                s,
                LootingPropertyDestruction | ViolentDemonstration | MobViolence
            )
        });
    event.sub_event = match event.sub_event {
        // who took the ground decides; with no one named, the word does
        // (استعاد "regained" for the state, سيطر "took" for others)
        // (with no fight, none killed: a non-violent transfer to the taker)
        GovernmentRegainsTerritory | NonStateActorOvertakesTerritory
            if event.unopposed && !killed =>
        {
            NonViolentTransferOfTerritory
        }
        GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => match inter1 {
            Some(1) => GovernmentRegainsTerritory,
            Some(_) => NonStateActorOvertakesTerritory,
            None => event.sub_event,
        },
        // destruction that kills ("أحرقوا المحال ... ما أدى إلى مقتل
        // تاجرين") is violence against the people killed: ACLED gives
        // strategic developments no fatalities
        LootingPropertyDestruction if killed && !crowd => Attack,
        // a riot stays a riot when the police answer it
        ViolentDemonstration | MobViolence => {
            if state_acts {
                event.actor2 = event.actor1.take();
            }
            event.sub_event
        }
        // stones and burning tyres against the police: a riot, even when
        // the text never says "protesters"
        ArmedClash | Attack
            if !crowd
                && signals.contains(&ViolentDemonstration)
                && matches!(inter1, None | Some(5..=7))
                && inter2 == Some(1) =>
        {
            ViolentDemonstration
        }
        _ if crowd && matches!(inter1, None | Some(5..=7)) && crowd_violence => {
            ViolentDemonstration
        }
        // "رشق محتجون الشرطة بالحجارة": the force the crowd's stones hit
        // is the other side
        _ if crowd && state_acts && inter2.is_none() && crowd_violence => {
            event.actor2 = event.actor1.take();
            ViolentDemonstration
        }
        // protesters who storm or attack (اقتحم محتجون)
        ArmedClash | Attack if event.generic_attack && inter1 == Some(6) => ViolentDemonstration,
        _ if crowd && killed && (state_acts || inter2 == Some(6)) => {
            ExcessiveForceAgainstProtesters
        }
        _ if event.generic_attack && inter2 == Some(6) => ExcessiveForceAgainstProtesters,
        // police present is not police intervening: it takes a word for it
        // (فرقت، الغاز المسيل للدموع)
        Arrests | ProtestWithIntervention | PeacefulProtest
            if crowd && signals.contains(&ProtestWithIntervention) =>
        {
            ProtestWithIntervention
        }
        // arrests among protesters: ACLED's protest with intervention
        Arrests if crowd => ProtestWithIntervention,
        ArmedClash | Attack if crowd && state_acts => ProtestWithIntervention,
        ArmedClash | Attack if event.generic_attack => {
            let victims_civilian = event
                .figures
                .iter()
                .any(|f| f.party.is_some_and(|p| kb.actors[p.actor].is_civilian()));
            if event.actor2.is_some_and(|a| kb.actors[a.actor].is_armed())
                || event.military_target && !victims_civilian
            {
                ArmedClash
            } else if inter2 == Some(7)
                || victims_civilian
                || event.civilian_target
                || event.actor1.is_some()
            {
                Attack
            } else {
                ArmedClash
            }
        }
        other => other,
    };
    // civilians are victims of political violence, never its authors
    if event.sub_event.is_violent()
        && event
            .actor1
            .is_some_and(|a| kb.actors[a.actor].is_civilian())
    {
        let civilians = event.actor1.take();
        event.actor2 = event.actor2.or(civilians);
    }
    // ACLED: in a demonstration the crowd is actor 1 and the force that
    // intervenes actor 2
    if matches!(event.sub_event, PeacefulProtest | ProtestWithIntervention)
        && event.actor1.is_some_and(|a| kb.actors[a.actor].inter == 1)
    {
        let state = event.actor1.take();
        if event
            .actor2
            .is_some_and(|a| matches!(kb.actors[a.actor].inter, 5..=7))
        {
            event.actor1 = event.actor2.take();
        }
        event.actor2 = state;
    }
}

/// "اشتباكات بين مسلحين من العشائر", "بين مجموعتين مسلحتين": fighting
/// among one kind of group (tribes, clans, unnamed gunmen) sets it
/// against itself, whichever role its one mention was given and even
/// when its dead (مقتل ثلاثة مسلحين) are named too.
pub(super) fn set_against_itself(doc: &Document, kb: &Knowledge, event: &mut EventFrame) {
    if !event.explicit_clash {
        return;
    }
    let after_between = |a: &ActorMention| {
        let actor = &kb.actors[a.actor];
        let first = doc.matches[a.head].first_token;
        (actor.inter == 4 || actor.is_unidentified())
            && (1..=3.min(first)).any(|back| doc.word(first - back) == "بين")
    };
    let one_kind = match (event.actor1, event.actor2) {
        (Some(a), Some(b)) => (a.actor == b.actor).then_some([a, b]),
        (a, b) => a.or(b).map(|a| [a, a]),
    };
    if let Some(a) = one_kind.and_then(|pair| pair.into_iter().find(after_between)) {
        event.actor1 = Some(a);
        event.actor2 = Some(a);
    }
}

/// The dead or wounded party is the target when the text names no other.
pub(super) fn fill_victims(event: &mut EventFrame) {
    if event.actor2.is_some() {
        return;
    }
    let actor1 = event.actor1.map(|a| a.actor);
    event.actor2 = event
        .figures
        .iter()
        .filter(|f| matches!(f.kind, FigureKind::Killed | FigureKind::Injured))
        .filter_map(|f| f.party)
        .find(|p| Some(p.actor) != actor1);
}
