//! The kinds of file the tool accepts and their columns (inputs.md, "Kinds
//! of file" and "Columns"), as a table; and recognising a kind from a
//! header row ("Recognising headers").
//!
//! Owns: kind ids, human names, column headers and aliases, and the
//! recognition rule. It must not parse values (see `values`) or read bytes.

use serde::{Deserialize, Serialize};

use crate::values::normalise_header;

/// Every kind of file, in the spec's table order (which breaks ties).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[serde(rename = "list3_referrals")]
    List3Referrals,
    #[serde(rename = "list4_assessments")]
    List4Assessments,
    #[serde(rename = "list6_cin")]
    List6Cin,
    #[serde(rename = "list7_cp")]
    List7Cp,
    #[serde(rename = "list8_cla")]
    List8Cla,
    #[serde(rename = "list9_care_leavers")]
    List9CareLeavers,
    #[serde(rename = "list10_adoption")]
    List10Adoption,
    CpVisits,
    FamilySupport,
    Staff,
    Supervisions,
    Teams,
    #[serde(rename = "list1_contacts")]
    List1Contacts,
    #[serde(rename = "list2_early_help")]
    List2EarlyHelp,
    #[serde(rename = "list5_s47")]
    List5S47,
    #[serde(rename = "list11_adopters")]
    List11Adopters,
}

/// One column of a kind: its standard header, aliases seen in real files,
/// and whether the kind needs it.
#[derive(Debug)]
pub struct ColumnSpec {
    pub header: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

const fn req(header: &'static str, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec {
        header,
        aliases,
        required: true,
    }
}

const fn opt(header: &'static str, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec {
        header,
        aliases,
        required: false,
    }
}

// Aliases are header wordings seen in published Annex A templates and in
// public extracts that produce Annex A lists, each with where it was seen
// (docs/header-variants.md lists them all with their sources). Headers are
// compared normalised (letters and digits only), so a one-word export
// header such as `CINStartDate` needs no alias; these differ in letters.
// Keys to the sources:
// - SSD: data-to-insight/ssd-data-model, admin/tools-ssd_dfe_returns/
//   AnnexA_sqlserver_ontemp.sql (Standard Safeguarding Dataset, 2024).
// - SSD-ORA: the same repository, tools-ssd_dfe_returns/AnnexA_oracle.sql.
// - CIN: CSCDP/AnnexA_CiNCensus_Cleaner, config/cin_to_annexa.yaml (CIN
//   census field names mapped to Annex A columns).
// - LIIA: SocialFinanceDigitalLabs/liia-tools, tests/annex_a/.

/// `Child ID`: SSD-ORA (`CHILD_ID`), LIIA (`Child ID`); `LAchildID`: CIN.
const CHILD_ID: ColumnSpec = req("Child Unique ID", &["Child ID", "LAchildID"]);
const ALLOCATED_TEAM: ColumnSpec = opt("Allocated Team", &[]);
/// `PersonBirthDate`: CIN.
const BIRTH_ALIASES: &[&str] = &["PersonBirthDate"];
const DATE_OF_BIRTH: ColumnSpec = common("Date of Birth", BIRTH_ALIASES);

/// Column positions within each kind's column list, so record builders
/// name columns rather than numbers.
pub mod col {
    pub mod list3 {
        pub(crate) const CHILD: usize = 0;
        pub const DATE: usize = 1;
        pub const NFA: usize = 2;
        pub(crate) const COUNT: usize = 3;
        pub(crate) const TEAM: usize = 4;
    }
    pub mod list4 {
        pub(crate) const CHILD: usize = 0;
        pub(crate) const START: usize = 1;
        pub(crate) const AUTHORISED: usize = 2;
        pub(crate) const SEEN: usize = 3;
        pub(crate) const TEAM: usize = 4;
    }
    pub mod list6 {
        pub(crate) const CHILD: usize = 0;
        pub(crate) const START: usize = 1;
        pub(crate) const CLOSED: usize = 2;
        pub(crate) const TEAM: usize = 4;
        pub(crate) const WORKER: usize = 5;
        pub(crate) const DOB: usize = 6;
    }
    pub mod list7 {
        pub(crate) const CHILD: usize = 0;
        pub(crate) const START: usize = 1;
        pub(crate) const END: usize = 2;
        pub(crate) const LAST_VISIT: usize = 3;
        pub(crate) const TEAM: usize = 4;
        pub(crate) const DOB: usize = 5;
    }
    pub mod list8 {
        pub(crate) const CHILD: usize = 0;
        pub const UASC: usize = 1;
        pub(crate) const START: usize = 2;
        pub(crate) const LEGAL_STATUS: usize = 3;
        pub(crate) const CEASED: usize = 4;
        pub(crate) const TEAM: usize = 5;
        pub(crate) const DOB: usize = 6;
    }
    pub(crate) mod list9 {
        pub(crate) const CHILD: usize = 0;
        pub(crate) const DOB: usize = 1;
        pub(crate) const ELIGIBILITY: usize = 2;
        pub(crate) const IN_TOUCH: usize = 3;
        pub(crate) const ACTIVITY: usize = 4;
        pub(crate) const TEAM: usize = 5;
    }
    pub mod list10 {
        pub(crate) const CHILD: usize = 0;
        pub(crate) const ENTERED: usize = 1;
        pub(crate) const PLACEMENT_ORDER: usize = 2;
        pub(crate) const MATCHED: usize = 3;
        pub(crate) const PLACED: usize = 4;
        pub(crate) const ADOPTION_ORDER: usize = 5;
        pub(crate) const TEAM: usize = 6;
    }
    pub mod cp_visits {
        pub(crate) const CHILD: usize = 0;
        pub const DATE: usize = 1;
        pub(crate) const SEEN: usize = 2;
    }
    pub mod family_support {
        pub(crate) const CHILD: usize = 0;
        pub(crate) const START: usize = 1;
        pub(crate) const END: usize = 2;
        pub(crate) const TEAM: usize = 4;
    }
    pub mod staff {
        pub(crate) const WORKER: usize = 0;
        pub const NAME: usize = 1;
        pub(crate) const TEAM: usize = 2;
        pub(crate) const QUALIFIED: usize = 3;
        pub(crate) const AGENCY: usize = 4;
        pub(crate) const MANAGER: usize = 5;
        pub(crate) const CASE_HOLDER: usize = 6;
        pub const FTE: usize = 7;
        pub(crate) const START: usize = 8;
        pub(crate) const END: usize = 9;
    }
    pub mod supervisions {
        pub(crate) const WORKER: usize = 0;
        pub const DATE: usize = 1;
    }
    pub mod teams {
        pub(crate) const TEAM: usize = 0;
        pub(crate) const AREA: usize = 1;
        pub(crate) const TEAM_TYPE: usize = 2;
    }
}

/// A column read where present but not counted when choosing a kind
/// (inputs.md: "counting only the columns listed for that kind (not the
/// common Annex A columns)").
const fn common(header: &'static str, aliases: &'static [&'static str]) -> ColumnSpec {
    opt(header, aliases)
}

static LIST3: [ColumnSpec; 5] = [
    CHILD_ID,
    // `ReferralDate`: SSD.
    req("Date of referral", &["ReferralDate"]),
    opt("Referral NFA?", &[]),
    // `ReferralsLast12Months`: SSD.
    opt(
        "Number of Referrals in Last 12 Months",
        &["ReferralsLast12Months"],
    ),
    ALLOCATED_TEAM,
];
static LIST4: [ColumnSpec; 5] = [
    CHILD_ID,
    // `Assessment actual start date`: CIN; `ContinuousAssessmentStart`: SSD.
    req(
        "Continuous Assessment Start Date",
        &[
            "Assessment Start Date",
            "Assessment actual start date",
            "ContinuousAssessmentStart",
        ],
    ),
    // `Assessment Authorisation Date`: CIN; `ContinuousAssessmentAuthDate`: SSD.
    req(
        "Continuous Assessment Date of Authorisation",
        &[
            "Assessment Authorisation Date",
            "Date of Authorisation",
            "ContinuousAssessmentAuthDate",
        ],
    ),
    // `ContinuousAssessmentChildSeen`: SSD.
    opt(
        "Child Seen During Continuous Assessment",
        &[
            "Child Seen During Assessment",
            "ContinuousAssessmentChildSeen",
        ],
    ),
    ALLOCATED_TEAM,
];
static LIST6: [ColumnSpec; 7] = [
    CHILD_ID,
    // `CINreferralDate`: CIN (the census's referral date starts the episode).
    req("CIN Start Date", &["CINreferralDate"]),
    req("CIN Closure Date", &[]),
    opt("Case Status", &[]),
    ALLOCATED_TEAM,
    req("Allocated Worker", &[]),
    DATE_OF_BIRTH,
];
static LIST7: [ColumnSpec; 6] = [
    CHILD_ID,
    // `CPPstartDate`, `CPPendDate`: CIN.
    req("Child Protection Plan Start Date", &["CPPstartDate"]),
    req("Child Protection Plan End Date", &["CPPendDate"]),
    // `DateOfLastStatutoryVisit`: SSD.
    opt(
        "Date of the Last Statutory Visit",
        &["DateOfLastStatutoryVisit"],
    ),
    ALLOCATED_TEAM,
    DATE_OF_BIRTH,
];
static LIST8: [ColumnSpec; 7] = [
    CHILD_ID,
    req(
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        &["UASC"],
    ),
    // `LoookedAfterStartDate` (sic, three o's): SSD.
    req(
        "Date Started to be Looked After",
        &["LoookedAfterStartDate"],
    ),
    opt("Child's Legal Status", &["Legal Status"]),
    // `CeasedLookedAfterDate`: SSD.
    req("Date Ceased to be Looked After", &["CeasedLookedAfterDate"]),
    ALLOCATED_TEAM,
    DATE_OF_BIRTH,
];
static LIST9: [ColumnSpec; 6] = [
    CHILD_ID,
    req("Date of Birth", BIRTH_ALIASES),
    opt("Eligibility Category", &[]),
    opt("LA in Touch", &[]),
    req("Activity Status", &[]),
    ALLOCATED_TEAM,
];
static LIST10: [ColumnSpec; 7] = [
    CHILD_ID,
    // These five: SSD.
    req("Date the Child Entered Care", &["EnteredCareDate"]),
    req("Date of Placement Order", &["PlacementOrderDate"]),
    req(
        "Date of Matching Child and Prospective Adopters",
        &["MatchedForAdoptionDate"],
    ),
    req("Date Placed for Adoption", &["PlacedForAdoptionDate"]),
    req("Date of Adoption Order", &["AdoptionOrderDate"]),
    ALLOCATED_TEAM,
];
static CP_VISITS: [ColumnSpec; 3] = [CHILD_ID, req("Visit Date", &[]), opt("Child Seen", &[])];
static FAMILY_SUPPORT: [ColumnSpec; 5] = [
    CHILD_ID,
    req("Start Date", &[]),
    req("End Date", &[]),
    opt("Service", &[]),
    opt("Team", &[]),
];
static STAFF: [ColumnSpec; 10] = [
    req("Worker ID", &[]),
    opt("Worker Name", &[]),
    req("Team", &[]),
    req("Qualified Social Worker", &[]),
    req("Agency", &[]),
    opt("Manager", &[]),
    opt("Case Holder", &[]),
    opt("FTE", &[]),
    opt("Start Date", &[]),
    opt("End Date", &[]),
];
static SUPERVISIONS: [ColumnSpec; 2] = [req("Worker ID", &[]), req("Supervision Date", &[])];
static TEAMS: [ColumnSpec; 3] = [req("Team", &[]), req("Area", &[]), opt("Team Type", &[])];
static LIST1: [ColumnSpec; 3] = [
    CHILD_ID,
    req("Date of Contact", &[]),
    req("Contact Source", &[]),
];
static LIST2: [ColumnSpec; 2] = [CHILD_ID, req("Organisation completing assessment", &[])];
static LIST5: [ColumnSpec; 2] = [
    CHILD_ID,
    // `StratDiscussionDate`: SSD; `S47ActualStartDate`: CIN.
    req(
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        &["StratDiscussionDate", "S47ActualStartDate"],
    ),
];
static LIST11: [ColumnSpec; 2] = [
    // `AdopterID`: SSD.
    req("Individual adopter identifier", &["AdopterID"]),
    req("Family identifier", &[]),
];

/// Every kind in recognition order (the spec's table order breaks ties).
pub const ALL_KINDS: [Kind; 16] = [
    Kind::List3Referrals,
    Kind::List4Assessments,
    Kind::List6Cin,
    Kind::List7Cp,
    Kind::List8Cla,
    Kind::List9CareLeavers,
    Kind::List10Adoption,
    Kind::CpVisits,
    Kind::FamilySupport,
    Kind::Staff,
    Kind::Supervisions,
    Kind::Teams,
    Kind::List1Contacts,
    Kind::List2EarlyHelp,
    Kind::List5S47,
    Kind::List11Adopters,
];

impl Kind {
    /// The stable id used in JSON, attributes and `missing_inputs`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::List3Referrals => "list3_referrals",
            Kind::List4Assessments => "list4_assessments",
            Kind::List6Cin => "list6_cin",
            Kind::List7Cp => "list7_cp",
            Kind::List8Cla => "list8_cla",
            Kind::List9CareLeavers => "list9_care_leavers",
            Kind::List10Adoption => "list10_adoption",
            Kind::CpVisits => "cp_visits",
            Kind::FamilySupport => "family_support",
            Kind::Staff => "staff",
            Kind::Supervisions => "supervisions",
            Kind::Teams => "teams",
            Kind::List1Contacts => "list1_contacts",
            Kind::List2EarlyHelp => "list2_early_help",
            Kind::List5S47 => "list5_s47",
            Kind::List11Adopters => "list11_adopters",
        }
    }

    /// What a person calls it ("needs List 7", "needs CP visits").
    pub fn short_name(self) -> &'static str {
        match self {
            Kind::List3Referrals => "List 3",
            Kind::List4Assessments => "List 4",
            Kind::List6Cin => "List 6",
            Kind::List7Cp => "List 7",
            Kind::List8Cla => "List 8",
            Kind::List9CareLeavers => "List 9",
            Kind::List10Adoption => "List 10",
            Kind::CpVisits => "CP visits",
            Kind::FamilySupport => "family support",
            Kind::Staff => "staff",
            Kind::Supervisions => "supervisions",
            Kind::Teams => "teams",
            Kind::List1Contacts => "List 1",
            Kind::List2EarlyHelp => "List 2",
            Kind::List5S47 => "List 5",
            Kind::List11Adopters => "List 11",
        }
    }

    /// The full name shown in the file list.
    pub fn name(self) -> &'static str {
        match self {
            Kind::List3Referrals => "Annex A List 3, referrals",
            Kind::List4Assessments => "Annex A List 4, assessments",
            Kind::List6Cin => "Annex A List 6, children in need",
            Kind::List7Cp => "Annex A List 7, child protection plans",
            Kind::List8Cla => "Annex A List 8, children looked after",
            Kind::List9CareLeavers => "Annex A List 9, care leavers",
            Kind::List10Adoption => "Annex A List 10, adoption",
            Kind::CpVisits => "CP visits",
            Kind::FamilySupport => "Family support episodes",
            Kind::Staff => "Social-work staff",
            Kind::Supervisions => "Supervision sessions",
            Kind::Teams => "Team table",
            Kind::List1Contacts => "Annex A List 1, not used by this scorecard",
            Kind::List2EarlyHelp => "Annex A List 2, not used by this scorecard",
            Kind::List5S47 => "Annex A List 5, not used by this scorecard",
            Kind::List11Adopters => "Annex A List 11, not used by this scorecard",
        }
    }

    /// Whether any indicator reads this kind.
    pub(crate) fn is_used(self) -> bool {
        !matches!(
            self,
            Kind::List1Contacts | Kind::List2EarlyHelp | Kind::List5S47 | Kind::List11Adopters
        )
    }

    /// This kind's columns, in the order of the `col` constants.
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            Kind::List3Referrals => &LIST3,
            Kind::List4Assessments => &LIST4,
            Kind::List6Cin => &LIST6,
            Kind::List7Cp => &LIST7,
            Kind::List8Cla => &LIST8,
            Kind::List9CareLeavers => &LIST9,
            Kind::List10Adoption => &LIST10,
            Kind::CpVisits => &CP_VISITS,
            Kind::FamilySupport => &FAMILY_SUPPORT,
            Kind::Staff => &STAFF,
            Kind::Supervisions => &SUPERVISIONS,
            Kind::Teams => &TEAMS,
            Kind::List1Contacts => &LIST1,
            Kind::List2EarlyHelp => &LIST2,
            Kind::List5S47 => &LIST5,
            Kind::List11Adopters => &LIST11,
        }
    }

    /// Columns that count towards choosing between matching kinds: the
    /// kind's own listed columns, not `Child Unique ID` or the other common
    /// Annex A columns that every list carries.
    fn counted_columns(self) -> impl Iterator<Item = (usize, &'static ColumnSpec)> {
        let is_annex_a = matches!(
            self,
            Kind::List3Referrals
                | Kind::List4Assessments
                | Kind::List6Cin
                | Kind::List7Cp
                | Kind::List8Cla
                | Kind::List9CareLeavers
                | Kind::List10Adoption
                | Kind::List1Contacts
                | Kind::List2EarlyHelp
                | Kind::List5S47
        );
        self.columns()
            .iter()
            .enumerate()
            .filter(move |(_, column)| {
                let common = column.header == CHILD_ID.header
                    || (column.header == "Date of Birth" && self != Kind::List9CareLeavers);
                !(is_annex_a && common)
            })
    }

    /// Looks up a kind by its id.
    pub(crate) fn from_id(id: &str) -> Option<Kind> {
        ALL_KINDS.into_iter().find(|kind| kind.id() == id)
    }
}

/// Kinds the page offers an empty template for: the project's own formats
/// for what Annex A lacks (inputs.md, "Templates for what Annex A lacks").
pub const TEMPLATE_KINDS: [Kind; 5] = [
    Kind::CpVisits,
    Kind::FamilySupport,
    Kind::Staff,
    Kind::Supervisions,
    Kind::Teams,
];

impl Kind {
    /// An empty file of this kind: its standard header row only.
    pub fn template_csv(self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let _ = writer.write_record(self.columns().iter().map(|c| c.header));
        writer
            .into_inner()
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// The template's file name, e.g. `cp_visits_template.csv`.
    pub fn template_file_name(self) -> String {
        format!("{}_template.csv", self.id())
    }
}

/// Where each of a kind's columns sits in a file's header row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub kind: Kind,
    /// `positions[i]` is the file column of `kind.columns()[i]`, if present.
    pub positions: Vec<Option<usize>>,
}

impl Layout {
    /// The file column of the kind's column `column`, if the file has it.
    pub fn position(&self, column: usize) -> Option<usize> {
        self.positions.get(column).copied().flatten()
    }

    pub fn has(&self, column: usize) -> bool {
        self.position(column).is_some()
    }
}

/// The outcome of reading a header row.
#[derive(Clone, Debug, PartialEq)]
pub enum Recognition {
    Known(Layout),
    /// No kind's required columns are all present.
    Unknown {
        closest: Kind,
        /// How many of the closest kind's required columns are present.
        found: usize,
        missing: Vec<&'static str>,
    },
    /// Two non-empty headers normalise to the same text.
    DuplicateHeaders {
        first: String,
        second: String,
    },
}

/// Recognises a kind from a header row (inputs.md, "Recognising headers").
pub(crate) fn recognise(headers: &[String]) -> Recognition {
    let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    for (i, name) in normalised.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some(j) = normalised
            .iter()
            .skip(i + 1)
            .position(|other| other == name)
        {
            let first = headers.get(i).cloned().unwrap_or_default();
            let second = headers.get(i + 1 + j).cloned().unwrap_or_default();
            return Recognition::DuplicateHeaders { first, second };
        }
    }

    let mut best: Option<(usize, Layout)> = None;
    let mut closest: Option<(usize, Kind, Vec<&'static str>)> = None;
    for kind in ALL_KINDS {
        let positions: Vec<Option<usize>> = kind
            .columns()
            .iter()
            .map(|column| find_column(&normalised, column))
            .collect();
        let missing: Vec<&'static str> = kind
            .columns()
            .iter()
            .zip(&positions)
            .filter(|(column, position)| column.required && position.is_none())
            .map(|(column, _)| column.header)
            .collect();
        if missing.is_empty() {
            let score = kind
                .counted_columns()
                .filter(|(i, _)| positions.get(*i).copied().flatten().is_some())
                .count();
            if best.as_ref().is_none_or(|(top, _)| score > *top) {
                best = Some((score, Layout { kind, positions }));
            }
        } else {
            let required = kind.columns().iter().filter(|c| c.required).count();
            let found = required - missing.len();
            if closest.as_ref().is_none_or(|(top, _, _)| found > *top) {
                closest = Some((found, kind, missing));
            }
        }
    }
    match (best, closest) {
        (Some((_, layout)), _) => Recognition::Known(layout),
        (None, Some((found, closest, missing))) => Recognition::Unknown {
            closest,
            found,
            missing,
        },
        (None, None) => Recognition::Unknown {
            closest: Kind::List3Referrals,
            found: 0,
            missing: Vec::new(),
        },
    }
}

fn find_column(normalised: &[String], column: &ColumnSpec) -> Option<usize> {
    std::iter::once(column.header)
        .chain(column.aliases.iter().copied())
        .map(normalise_header)
        .find_map(|wanted| normalised.iter().position(|have| *have == wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn kind_of(list: &[&str]) -> Option<Kind> {
        match recognise(&headers(list)) {
            Recognition::Known(layout) => Some(layout.kind),
            _ => None,
        }
    }

    #[test]
    fn recognises_each_annex_a_list_from_its_headers() {
        assert_eq!(
            kind_of(&[
                "Child Unique ID",
                "Gender",
                "Date of Referral",
                "Allocated Team"
            ]),
            Some(Kind::List3Referrals)
        );
        assert_eq!(
            kind_of(&[
                "CHILD UNIQUE ID",
                "unaccompanied asylum seeking child uasc within the last 12 months y n",
                "Date Started to be Looked After",
                "Date Ceased to be Looked After"
            ]),
            Some(Kind::List8Cla)
        );
        assert_eq!(
            kind_of(&[
                "Child Unique ID",
                "UASC",
                "Date Started to be Looked After",
                "Date Ceased to be Looked After"
            ]),
            Some(Kind::List8Cla)
        );
    }

    #[test]
    fn column_order_and_extra_columns_do_not_matter() {
        assert_eq!(
            kind_of(&["Visit Date", "Something else", "child unique id"]),
            Some(Kind::CpVisits)
        );
    }

    #[test]
    fn more_matched_columns_wins_and_ties_go_to_the_earlier_kind() {
        // Staff has Team plus its own columns; a file with Team, Area and
        // Team Type is the team table.
        assert_eq!(kind_of(&["Team", "Area", "Team Type"]), Some(Kind::Teams));
        // Family support (Child Unique ID, Start Date, End Date) and staff
        // both need more; a staff file with Start/End Date stays staff.
        assert_eq!(
            kind_of(&[
                "Worker ID",
                "Team",
                "Qualified Social Worker",
                "Agency",
                "Start Date",
                "End Date"
            ]),
            Some(Kind::Staff)
        );
    }

    #[test]
    fn unknown_file_names_the_closest_kind_and_what_it_lacks() {
        match recognise(&headers(&[
            "Child Unique ID",
            "CIN Start Date",
            "Allocated Worker",
        ])) {
            Recognition::Unknown {
                closest, missing, ..
            } => {
                assert_eq!(closest, Kind::List6Cin);
                assert_eq!(missing, vec!["CIN Closure Date"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn duplicate_normalised_headers_are_refused() {
        assert_eq!(
            recognise(&headers(&[
                "Child Unique ID",
                "Date of referral",
                "DATE OF REFERRAL"
            ])),
            Recognition::DuplicateHeaders {
                first: "Date of referral".into(),
                second: "DATE OF REFERRAL".into()
            }
        );
        // Empty header cells are ignored, even when there are several.
        assert_eq!(
            kind_of(&["Child Unique ID", "", "Date of referral", " "]),
            Some(Kind::List3Referrals)
        );
    }

    #[test]
    fn templates_are_header_rows_that_recognise_as_their_kind() {
        assert_eq!(
            Kind::CpVisits.template_csv(),
            "Child Unique ID,Visit Date,Child Seen\n"
        );
        for kind in TEMPLATE_KINDS.into_iter().chain([Kind::List7Cp]) {
            let text = kind.template_csv();
            let headers: Vec<String> = text.trim_end().split(',').map(String::from).collect();
            match recognise(&headers) {
                Recognition::Known(layout) => assert_eq!(layout.kind, kind),
                other => panic!("{kind:?}: {other:?}"),
            }
        }
    }

    // inputs.md, "Recognising headers": the one-word headers of database
    // and dataset exports match.
    #[test]
    fn one_word_and_snake_case_headers_match() {
        assert_eq!(
            kind_of(&[
                "ChildUniqueID",
                "CINStartDate",
                "CINClosureDate",
                "AllocatedWorker",
                "AllocatedTeam"
            ]),
            Some(Kind::List6Cin)
        );
        assert_eq!(
            kind_of(&[
                "child_unique_id",
                "unaccompanied_asylum_seeking_child_uasc_within_the_last_12_months_y_n",
                "date_started_to_be_looked_after",
                "date_ceased_to_be_looked_after"
            ]),
            Some(Kind::List8Cla)
        );
    }

    // The Standard Safeguarding Dataset's Annex A extract (SSD in the
    // alias comments): each list is recognised as its own kind.
    #[test]
    fn the_safeguarding_dataset_extract_is_recognised() {
        for (headers, kind) in [
            (
                &[
                    "ChildUniqueID",
                    "ReferralDate",
                    "ReferralNFA",
                    "ReferralsLast12Months",
                ][..],
                Kind::List3Referrals,
            ),
            (
                &[
                    "ChildUniqueID",
                    "ContinuousAssessmentStart",
                    "ContinuousAssessmentChildSeen",
                    "ContinuousAssessmentAuthDate",
                ][..],
                Kind::List4Assessments,
            ),
            (
                &[
                    "ChildUniqueID",
                    "UASC",
                    "LoookedAfterStartDate",
                    "CeasedLookedAfterDate",
                ][..],
                Kind::List8Cla,
            ),
            (
                &[
                    "ChildUniqueID",
                    "EnteredCareDate",
                    "PlacementOrderDate",
                    "MatchedForAdoptionDate",
                    "PlacedForAdoptionDate",
                    "AdoptionOrderDate",
                ][..],
                Kind::List10Adoption,
            ),
            (
                &["ChildUniqueID", "StratDiscussionDate"][..],
                Kind::List5S47,
            ),
        ] {
            assert_eq!(kind_of(headers), Some(kind), "{headers:?}");
        }
    }

    // An alias must never stand for another column of its own kind: the
    // file would then be refused for two headers that normalise alike, or
    // one column read as another.
    #[test]
    fn no_header_or_alias_is_shared_by_two_columns_of_a_kind() {
        for kind in ALL_KINDS {
            let mut seen: std::collections::HashMap<String, &str> = Default::default();
            for column in kind.columns() {
                let names = std::iter::once(column.header).chain(column.aliases.iter().copied());
                let mut own: Vec<String> = names.map(normalise_header).collect();
                own.sort();
                own.dedup();
                for name in own {
                    if let Some(other) = seen.insert(name.clone(), column.header) {
                        panic!(
                            "{kind:?}: `{name}` names both {other} and {}",
                            column.header
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn unused_annex_a_lists_are_named() {
        assert_eq!(
            kind_of(&["Child Unique ID", "Date of Contact", "Contact Source"]),
            Some(Kind::List1Contacts)
        );
        assert!(!Kind::List1Contacts.is_used());
        assert_eq!(Kind::from_id("list7_cp"), Some(Kind::List7Cp));
    }
}
