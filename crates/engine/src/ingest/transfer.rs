//! What one worker read, as bytes another can take back: the page's
//! engine worker hands some of a load's files to a second worker, which
//! reads them on the other core while the engine reads the rest (issue
//! 18), and sends back their `LoadedFile`s in this form (postcard: records
//! field by field, dates as numbers, no text to parse again).
//!
//! Owns: the byte form of `LoadedFile`s and putting their records back at
//! their place among the load's files. Must not: change what was read: a
//! file read, encoded and decoded is the file read here (tests below).

use super::{Content, LoadedFile};
use crate::records::{Rec, wire};

/// The files read from one input, as bytes; `None` when one of them does
/// not cross (a settings document, history or commentary pack: the
/// scorecard reads their text later, and their serde form is their JSON):
/// the engine then reads that input itself. Each file is encoded apart,
/// so each reads back with its own names (`decode`).
pub fn encode(files: &[LoadedFile]) -> Option<Vec<u8>> {
    if !files.iter().all(|file| crosses(&file.content)) {
        return None;
    }
    let each = files
        .iter()
        .map(postcard::to_allocvec)
        .collect::<Result<Vec<Vec<u8>>, _>>()
        .ok()?;
    postcard::to_allocvec(&each).ok()
}

/// Whether a file's content has a byte form (`Content`'s variants that
/// serde skips have none; this says so before postcard is asked).
fn crosses(content: &Content) -> bool {
    !matches!(
        content,
        Content::Settings(_) | Content::History { .. } | Content::Commentary { .. }
    )
}

/// The files `encode` wrote, their records' sources moved to follow the
/// `first_index` files the engine holds already (the other worker counts
/// from 0). Each file's names are shared within it, as `ingest::build`
/// shares them.
pub fn decode(bytes: &[u8], first_index: usize) -> Result<Vec<LoadedFile>, String> {
    let why = |error: postcard::Error| {
        format!("the second worker's records could not be read back: {error}")
    };
    let each: Vec<Vec<u8>> = postcard::from_bytes(bytes).map_err(why)?;
    let mut files = Vec::with_capacity(each.len());
    for bytes in &each {
        let mut file: LoadedFile =
            wire::with_shared_names(|| postcard::from_bytes(bytes)).map_err(why)?;
        if first_index > 0 {
            shift_sources(&mut file.content, first_index);
        }
        files.push(file);
    }
    Ok(files)
}

fn shift_sources(content: &mut Content, by: usize) {
    fn shift<R>(records: &mut [Rec<R>], by: usize) {
        for record in records {
            record.source.file += by;
        }
    }
    match content {
        Content::Referrals(rows) => shift(rows, by),
        Content::Assessments(rows) => shift(rows, by),
        Content::Cin(rows) => shift(rows, by),
        Content::Cp(rows) => shift(rows, by),
        Content::Cla(rows) => shift(rows, by),
        Content::CareLeavers(rows) => shift(rows, by),
        Content::Adoptions(rows) => shift(rows, by),
        Content::CpVisits(rows) => shift(rows, by),
        Content::FamilySupport(rows) => shift(rows, by),
        Content::Staff(rows) => shift(rows, by),
        Content::Supervisions(rows) => shift(rows, by),
        Content::Teams(rows) => shift(rows, by),
        Content::NotUsed
        | Content::Settings(_)
        | Content::History { .. }
        | Content::Commentary { .. }
        | Content::Unreadable => {}
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::ingest::{FileOverrides, load_files};

    const TODAY: fn() -> jiff::civil::Date = || date(2018, 1, 15);

    fn read(name: &str, text: &str, first_index: usize) -> Vec<LoadedFile> {
        load_files(
            name,
            text.as_bytes(),
            first_index,
            &FileOverrides::default(),
            TODAY(),
        )
    }

    /// Every field's form crosses: an invalid close date and a blank worker
    /// (List 6), a legal status and a yes/no (List 8), an impossible date
    /// and an unknown activity (List 9), a part-time FTE and blank dates
    /// (staff); each read here at index 3 against read elsewhere at 0 and
    /// sent. The problems (row, column, value) cross with them.
    #[test]
    fn a_file_sent_is_the_file_read_here_at_its_place() {
        let cases = [
            (
                "list6_cin_2017-12-31.csv",
                "Child Unique ID,Gender,Ethnicity,Date of Birth,Age,Disability,CIN Start Date,Primary Need Code,CIN Closure Date,Reason for Closure,Case Status,Allocated Team,Allocated Worker\n\
                 C1,M,WBRI,01/02/2010,7,No,01/03/2017,N1,,,Open,North Team,W1\n\
                 C2,F,WBRI,01/02/2011,6,No,05/04/2017,N1,31/13/2017,RC1,Closed,South Team,\n\
                 C3,F,WBRI,01/02/2012,5,No,06/04/2017,N1,01/06/2017,RC1,Closed,North Team,W1\n",
            ),
            (
                "list8_cla_2017-12-31.csv",
                "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N),Date Started to be Looked After,Child's Legal Status,Date Ceased to be Looked After,Allocated Team\n\
                 K1,a) Male,m) AOTH,10/05/2013,4,b) No,16/05/2014,C2: FCO,,South Team\n\
                 K2,b) Female,m) AOTH,10/05/2012,5,a) Yes,16/05/2015,V3,20/06/2015,South Team\n",
            ),
            (
                "list9_care_leavers_2017-12-31.csv",
                "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Allocated Team,Eligibility Category,LA in Touch,Activity Status\n\
                 L1,a) Male,a) WBRI,25/08/1997,20,Leaving Care Team,b) Former relevant child,a) Yes,F1: Higher education\n\
                 L2,b) Female,a) WBRI,31/02/1998,19,Leaving Care Team,b) Former relevant child,e) NREQ,ZZ\n",
            ),
            (
                "staff_2017-12-31.csv",
                "Worker ID,Worker Name,Team,Qualified Social Worker,Agency,Manager,Case Holder,FTE,Start Date,End Date\n\
                 W001,Worker 001,North Team,Yes,No,No,Yes,0.6,11/03/2014,11/01/2017\n\
                 W002,Worker 002,North Team,Yes,Yes,No,Yes,1,,\n",
            ),
        ];
        for (name, text) in cases {
            let here = read(name, text, 3);
            let sent = encode(&read(name, text, 0)).expect("records cross");
            let back = decode(&sent, 3).expect("read back");
            assert_eq!(format!("{back:?}"), format!("{here:?}"), "{name}");
            let records = match &back[0].content {
                Content::Cin(rows) => rows.len(),
                Content::Cla(rows) => rows.len(),
                Content::CareLeavers(rows) => rows.len(),
                Content::Staff(rows) => rows.len(),
                other => panic!("{name}: read as {other:?}"),
            };
            assert_eq!(records, back[0].rows, "{name}");
            assert!(records >= 2, "{name}: {records} records");
        }
    }

    /// The names read back share one allocation per text, as in a file
    /// read here (`Areas` looks a team up by its address once).
    #[test]
    fn names_read_back_are_shared() {
        let text = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age,Disability,CIN Start Date,Primary Need Code,CIN Closure Date,Reason for Closure,Case Status,Allocated Team,Allocated Worker\n\
                    C1,M,WBRI,01/02/2010,7,No,01/03/2017,N1,,,Open,North Team,W1\n\
                    C2,F,WBRI,01/02/2011,6,No,05/04/2017,N1,,,Open,North Team,W1\n";
        let sent = encode(&read("list6_cin_2017-12-31.csv", text, 0)).expect("records cross");
        let back = decode(&sent, 0).expect("read back");
        let Content::Cin(rows) = &back[0].content else {
            panic!("not List 6: {:?}", back[0].content);
        };
        assert_eq!(rows[0].data.team.as_str(), "North Team");
        assert_eq!(rows[0].data.team.address(), rows[1].data.team.address());
        assert_eq!(rows[0].data.worker.address(), rows[1].data.worker.address());
    }

    /// What the scorecard reads itself later (a settings document, a
    /// history, a commentary pack) does not cross: the engine reads it.
    #[test]
    fn what_the_scorecard_reads_later_does_not_cross() {
        let settings = read(
            "scorecard-settings.json",
            r#"{"version": 1, "la_name": "Anytown"}"#,
            0,
        );
        assert!(settings[0].is_settings(), "{settings:?}");
        let history = read(
            "history.csv",
            "Month,Indicator,Measure,Area,Value\n2017-11,cp_plans,count,,12\n",
            0,
        );
        assert!(history[0].is_history(), "{history:?}");
        let commentary = read(
            "commentary.csv",
            "Indicator,Month,Commentary\ncp_plans,2017-12,Stable.\n",
            0,
        );
        assert!(commentary[0].is_commentary(), "{commentary:?}");
        for files in [settings, history, commentary] {
            assert_eq!(encode(&files), None, "{}", files[0].name);
        }
    }

    /// A workbook's sheets cross as one input: each sheet keeps its place
    /// (sources `first_index + k`) and its own names, as read here.
    #[test]
    fn several_files_of_one_input_keep_their_places_and_their_own_names() {
        let list6 = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age,Disability,CIN Start Date,Primary Need Code,CIN Closure Date,Reason for Closure,Case Status,Allocated Team,Allocated Worker\n\
                     C1,M,WBRI,01/02/2010,7,No,01/03/2017,N1,,,Open,North Team,W1\n";
        let mut sheets = read("book.xlsx › List 6", list6, 0);
        sheets.extend(read("book.xlsx › List 6 (2)", list6, 1));
        let here: Vec<LoadedFile> = read("book.xlsx › List 6", list6, 5)
            .into_iter()
            .chain(read("book.xlsx › List 6 (2)", list6, 6))
            .collect();
        let back = decode(&encode(&sheets).expect("records cross"), 5).expect("read back");
        assert_eq!(format!("{back:?}"), format!("{here:?}"));
        let team = |file: &LoadedFile| match &file.content {
            Content::Cin(rows) => (rows[0].source.file, rows[0].data.team.clone()),
            other => panic!("not List 6: {other:?}"),
        };
        let ((first, first_team), (second, second_team)) = (team(&back[0]), team(&back[1]));
        assert_eq!((first, second), (5, 6));
        assert_eq!(first_team, second_team);
        assert_ne!(first_team.address(), second_team.address());
    }

    /// Bytes that are not an encoding say so; they never panic.
    #[test]
    fn damaged_bytes_are_an_error() {
        let why = decode(&[0xff, 0xff, 0xff, 0x01], 0).unwrap_err();
        assert!(why.starts_with("the second worker's records"), "{why}");
    }
}
