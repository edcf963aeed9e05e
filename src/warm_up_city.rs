//! The small synthetic city the engine worker warms up on
//! (`engine_worker::warm_up`): the public golden case
//! (`tests/golden/public_city`, children `SYN…`) with each child's rows
//! copied `COPIES` times under other identifiers, so each list has the
//! bulk that makes V8 optimise the code that reads it.
//!
//! Owns: the city's files. Must not: be read for figures (the golden
//! test reads the case itself).

use crate::domain::scorecard::InputFile;

/// The public city's files, by name (as the page would hand them over).
macro_rules! public_city {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../tests/golden/public_city/", $name)) as &[u8])),*]
    };
}

const FILES: &[(&str, &[u8])] = public_city![
    "teams.csv",
    "settings.json",
    "list3_referrals_2016-09-30.csv",
    "list3_referrals_2016-12-31.csv",
    "list3_referrals_2017-03-31.csv",
    "list3_referrals_2017-06-30.csv",
    "list3_referrals_2017-09-30.csv",
    "list3_referrals_2017-12-31.csv",
    "list4_assessments_2016-09-30.csv",
    "list4_assessments_2016-12-31.csv",
    "list4_assessments_2017-03-31.csv",
    "list4_assessments_2017-06-30.csv",
    "list4_assessments_2017-09-30.csv",
    "list4_assessments_2017-12-31.csv",
    "list6_cin_2016-12-31.csv",
    "list6_cin_2017-01-31.csv",
    "list6_cin_2017-02-28.csv",
    "list6_cin_2017-03-31.csv",
    "list6_cin_2017-04-30.csv",
    "list6_cin_2017-05-31.csv",
    "list6_cin_2017-06-30.csv",
    "list6_cin_2017-07-31.csv",
    "list6_cin_2017-08-31.csv",
    "list6_cin_2017-09-30.csv",
    "list6_cin_2017-10-31.csv",
    "list6_cin_2017-11-30.csv",
    "list6_cin_2017-12-31.csv",
    "list7_cp_2016-09-30.csv",
    "list7_cp_2016-12-31.csv",
    "list7_cp_2017-03-31.csv",
    "list7_cp_2017-06-30.csv",
    "list7_cp_2017-09-30.csv",
    "list7_cp_2017-12-31.csv",
    "list8_cla_2017-12-31.csv",
    "list9_care_leavers_2016-12-31.csv",
    "list9_care_leavers_2017-01-31.csv",
    "list9_care_leavers_2017-02-28.csv",
    "list9_care_leavers_2017-03-31.csv",
    "list9_care_leavers_2017-04-30.csv",
    "list9_care_leavers_2017-05-31.csv",
    "list9_care_leavers_2017-06-30.csv",
    "list9_care_leavers_2017-07-31.csv",
    "list9_care_leavers_2017-08-31.csv",
    "list9_care_leavers_2017-09-30.csv",
    "list9_care_leavers_2017-10-31.csv",
    "list9_care_leavers_2017-11-30.csv",
    "list9_care_leavers_2017-12-31.csv",
    "cp_visits_2017-12-31.csv",
    "family_support_2017-12-31.csv",
    "list10_adoption_2017-12-31.csv",
    "staff_2017-12-31.csv",
    "supervisions_2017-12-31.csv",
];

/// Copies of each child's rows: about 2 MB in all, the bulk at which the
/// measured warm-up reached the warm speed (284 KB ten times did not).
const COPIES: u8 = 7;

/// The public city with each child's rows copied `COPIES` times under
/// other identifiers (`SYN` → `SYA`, `SYB`, …), the header once; files
/// without children (teams, staff, settings) as they are.
pub(crate) fn city_files() -> Vec<InputFile> {
    FILES
        .iter()
        .map(|(name, bytes)| InputFile {
            name: (*name).to_string(),
            bytes: copied_rows(bytes),
            overrides: Default::default(),
        })
        .collect()
}

/// `bytes` with every row after the header repeated `COPIES` times, its
/// child identifiers renamed in each copy.
fn copied_rows(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    if !text.contains("SYN") {
        return bytes.to_vec();
    }
    let (header, rows) = text.split_at(text.find('\n').map_or(text.len(), |end| end + 1));
    let mut out = String::with_capacity(header.len() + rows.len() * usize::from(COPIES));
    out.push_str(header);
    for copy in 0..COPIES {
        let prefix = format!("SY{}", char::from(b'A' + copy));
        out.push_str(&rows.replace("SYN", &prefix));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scorecard;
    use crate::domain::settings::Settings;
    use crate::worker_protocol::{compute_apart, settings_after_load};

    #[test]
    fn each_childs_rows_are_copied_under_other_identifiers_with_one_header() {
        let file = b"Child Unique ID,Gender\nSYN000001,a) Male\nSYN000002,b) Female\n";
        let copied = String::from_utf8(copied_rows(file)).unwrap();
        let lines: Vec<&str> = copied.lines().collect();
        assert_eq!(lines.len(), 1 + 2 * usize::from(COPIES));
        assert_eq!(lines[0], "Child Unique ID,Gender");
        assert_eq!(lines[1], "SYA000001,a) Male");
        assert_eq!(lines[2], "SYA000002,b) Female");
        assert_eq!(lines[3], "SYB000001,a) Male");
        assert_eq!(lines[14], "SYG000002,b) Female");
    }

    #[test]
    fn files_without_children_stay_as_they_are() {
        let teams = b"Team,Area\nEast Assessment Team,East\n";
        assert_eq!(copied_rows(teams), teams.to_vec());
    }

    #[test]
    fn the_city_reads_every_file_as_its_kind_with_each_childs_rows_copied() {
        let mut loader = scorecard::Loader::new(jiff::civil::date(2018, 1, 15));
        for file in city_files() {
            loader.add(&file, |_| {});
        }
        let loaded = loader.finish(Settings::default(), |_| {});
        let summaries = scorecard::summaries(&loaded);
        assert_eq!(summaries.len(), FILES.len());
        for file in &summaries {
            assert!(file.kind.is_some() && file.error.is_none(), "{file:?}");
        }
        // The city's list10_adoption_2017-12-31.csv has 3 data rows.
        let adoption = summaries
            .iter()
            .find(|f| f.name.starts_with("list10"))
            .unwrap();
        assert_eq!(adoption.rows, 3 * usize::from(COPIES));
        let month = scorecard::latest_month(&loaded);
        assert_eq!(month.map(|m| m.to_string()), Some("2017-12".to_string()));
        let settings = settings_after_load(&Settings::default(), &loaded.imports, Some(0), &[]);
        let (card, _) = compute_apart(Some(&loaded), &settings, month);
        assert!(card.is_ok(), "{card:?}");
    }
}
