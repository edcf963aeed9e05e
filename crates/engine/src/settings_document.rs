//! Reading the settings document (`scorecard-settings.json`, settings.md):
//! JSON in, checked [`Settings`] out, every refusal naming the key. It sits
//! above the indicator registry because the document may name only its
//! indicators; `settings.rs` itself knows no indicator.

use crate::indicators;
use crate::settings::{Settings, SettingsError};

impl Settings {
    /// Reads a settings document. Unknown keys (also unknown indicator ids)
    /// are refused with the key named.
    pub fn from_json(text: &str) -> Result<Settings, SettingsError> {
        let settings: Settings = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|error| SettingsError(format!("settings: {error}")))?;
        if settings.version != 1 {
            return Err(SettingsError(format!(
                "settings: version {} is not supported (expected 1)",
                settings.version
            )));
        }
        if let Some(unknown) = settings
            .indicators
            .keys()
            .find(|id| indicators::by_id(id).is_none())
        {
            return Err(SettingsError(format!(
                "settings: unknown indicator `{unknown}` in `indicators` (expected one of {})",
                indicators::ids().collect::<Vec<_>>().join(", ")
            )));
        }
        for window in [
            settings.adoption_a1_window_months,
            settings.adoption_a2_window_months,
        ] {
            if !(1..=120).contains(&window) {
                return Err(SettingsError(format!(
                    "settings: an adoption window of {window} months is out of range (1–120)"
                )));
            }
        }
        if !(0..=31).contains(&settings.as_at_grace_days) {
            return Err(SettingsError(format!(
                "settings: `as_at_grace_days` of {} is out of range (0–31)",
                settings.as_at_grace_days
            )));
        }
        if !crate::settings::SERIES_MONTHS.contains(&settings.series_months) {
            return Err(SettingsError(format!(
                "settings: `series_months` of {} is out of range (13–60)",
                settings.series_months
            )));
        }
        Ok(settings)
    }
}
