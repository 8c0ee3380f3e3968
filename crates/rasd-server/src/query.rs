//! Query-string filters, shared by every listing endpoint and named like
//! the options of `rasd events`.

use crate::error::ApiError;
use rasd_core::Knowledge;
use rasd_store::{EventFilter, Near};
use serde::Deserialize;

/// The filters as they arrive; parsed by [`EventParams::filter`] so that a
/// bad value gets a message naming its parameter.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventParams {
    /// ISO2 country code.
    pub country: Option<String>,
    /// First-level division as stored (English), any case.
    pub admin1: Option<String>,
    /// Least number of reported deaths.
    pub min_fatalities: Option<String>,
    /// First event date, YYYY-MM-DD.
    pub since: Option<String>,
    /// Last event date, YYYY-MM-DD.
    pub until: Option<String>,
    /// Event type or sub-event type.
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    /// Actor name(s), `|`-separated.
    pub actor: Option<String>,
    /// `min_lon,min_lat,max_lon,max_lat`.
    pub bbox: Option<String>,
    /// `lat,lon,km`.
    pub near: Option<String>,
    /// Words that must all occur in the notes, places or actors.
    pub text: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

/// Page sizes: what a listing returns without `limit`, and the most it allows.
#[derive(Clone, Copy)]
pub struct PageSize {
    pub default: usize,
    pub max: usize,
}

impl EventParams {
    /// The store's filter. Actor names the knowledge base knows (an alias
    /// such as داعش) are widened to the actor's id, which the stored
    /// records carry, as `rasd events` does.
    pub fn filter(self, size: PageSize, kb: &Knowledge) -> Result<EventFilter, ApiError> {
        let given = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let limit = match given(self.limit) {
            None => size.default,
            Some(s) => match s.parse::<usize>() {
                Ok(n) if (1..=size.max).contains(&n) => n,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "limit: expected a whole number from 1 to {}, got {s:?}",
                        size.max
                    )))
                }
            },
        };
        Ok(EventFilter {
            country: given(self.country),
            admin1: given(self.admin1),
            min_fatalities: given(self.min_fatalities)
                .map(|s| {
                    s.parse::<u64>().map_err(|_| {
                        ApiError::bad_request(format!(
                            "min_fatalities: expected a whole number, got {s:?}"
                        ))
                    })
                })
                .transpose()?,
            since: given(self.since).map(|s| date("since", &s)).transpose()?,
            until: given(self.until).map(|s| date("until", &s)).transpose()?,
            event_type: given(self.event_type),
            actor: given(self.actor).map(|names| rasd_store::widen_actor_names(&names, kb)),
            bbox: given(self.bbox).map(|s| bbox(&s)).transpose()?,
            near: given(self.near).map(|s| near(&s)).transpose()?,
            text: given(self.text),
            limit,
            cursor: given(self.cursor),
            incidents: false,
        })
    }
}

fn date(name: &str, s: &str) -> Result<chrono::NaiveDate, ApiError> {
    s.parse().map_err(|_| {
        ApiError::bad_request(format!("{name}: expected a date YYYY-MM-DD, got {s:?}"))
    })
}

fn numbers<const N: usize>(name: &str, shape: &str, s: &str) -> Result<[f64; N], ApiError> {
    let bad = || ApiError::bad_request(format!("{name}: expected {shape}, got {s:?}"));
    let parts: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    parts.try_into().map_err(|_| bad())
}

fn bbox(s: &str) -> Result<[f64; 4], ApiError> {
    let b = numbers::<4>("bbox", "min_lon,min_lat,max_lon,max_lat", s)?;
    if b[0] > b[2] || b[1] > b[3] || b[1] < -90.0 || b[3] > 90.0 {
        return Err(ApiError::bad_request(format!(
            "bbox: expected min_lon,min_lat,max_lon,max_lat with min ≤ max, got {s:?}"
        )));
    }
    Ok(b)
}

fn near(s: &str) -> Result<Near, ApiError> {
    let [lat, lon, km] = numbers::<3>("near", "lat,lon,km", s)?;
    Ok(Near { lat, lon, km })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: PageSize = PageSize {
        default: 100,
        max: 1000,
    };

    fn kb() -> &'static Knowledge {
        static KB: std::sync::OnceLock<Knowledge> = std::sync::OnceLock::new();
        KB.get_or_init(Knowledge::embedded)
    }

    #[test]
    fn an_actor_alias_is_widened_to_the_actor_id() {
        let params = EventParams {
            actor: Some("داعش".into()),
            ..Default::default()
        };
        let actor = params.filter(SIZE, kb()).unwrap().actor.unwrap();
        assert!(actor.starts_with("داعش|"), "{actor}");
        assert!(actor.split('|').any(|n| n == "isis"), "{actor}");
    }

    #[test]
    fn every_filter_parses_into_the_store_filter() {
        let params = EventParams {
            country: Some("sy".into()),
            admin1: Some("Al-Hasakah".into()),
            min_fatalities: Some("3".into()),
            since: Some("2024-01-01".into()),
            until: Some(" 2024-02-01 ".into()),
            event_type: Some("Battles".into()),
            actor: Some("داعش|ISIS".into()),
            bbox: Some("35.5,32,42.5,37.5".into()),
            near: Some("36.5,40.7,25".into()),
            text: Some("الحسكة".into()),
            limit: Some("20".into()),
            cursor: Some("2024-01-03~7".into()),
        };
        let f = params.filter(SIZE, kb()).unwrap();
        assert_eq!(f.country.as_deref(), Some("sy"));
        assert_eq!(f.admin1.as_deref(), Some("Al-Hasakah"));
        assert_eq!(f.min_fatalities, Some(3));
        assert_eq!(f.until.unwrap().to_string(), "2024-02-01");
        assert_eq!(f.bbox, Some([35.5, 32.0, 42.5, 37.5]));
        assert_eq!(f.near.unwrap().km, 25.0);
        assert_eq!(f.limit, 20);
    }

    #[test]
    fn bad_values_are_refused_with_the_parameter_named() {
        let cases: [(EventParams, &str); 6] = [
            (
                EventParams {
                    min_fatalities: Some("-2".into()),
                    ..Default::default()
                },
                "min_fatalities",
            ),
            (
                EventParams {
                    since: Some("yesterday".into()),
                    ..Default::default()
                },
                "since",
            ),
            (
                EventParams {
                    bbox: Some("1,2,3".into()),
                    ..Default::default()
                },
                "bbox",
            ),
            (
                EventParams {
                    bbox: Some("5,0,1,1".into()),
                    ..Default::default()
                },
                "bbox",
            ),
            (
                EventParams {
                    near: Some("a,b,c".into()),
                    ..Default::default()
                },
                "near",
            ),
            (
                EventParams {
                    limit: Some("0".into()),
                    ..Default::default()
                },
                "limit",
            ),
        ];
        for (params, name) in cases {
            let err = params.filter(SIZE, kb()).unwrap_err();
            assert_eq!(err.status(), axum::http::StatusCode::BAD_REQUEST);
            assert!(
                format!("{err:?}").contains(name),
                "{err:?} should name {name}"
            );
        }
    }

    #[test]
    fn limit_defaults_and_is_capped() {
        assert_eq!(
            EventParams::default().filter(SIZE, kb()).unwrap().limit,
            100
        );
        let too_many = EventParams {
            limit: Some("1001".into()),
            ..Default::default()
        };
        assert!(too_many.filter(SIZE, kb()).is_err());
    }
}
