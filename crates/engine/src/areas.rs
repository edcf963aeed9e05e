//! Team → area lookup from the settings' team table (indicators.md, "Area").
//!
//! Owns: area order (first appearance in the team table), `Unmapped` (a team
//! missing from the table) and `Unassigned` (a blank team), and team types.
//! Teams match case-insensitively with runs of spaces folded and ends trimmed.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::records::Team;
use crate::settings::Settings;
use crate::values::fold_name;

pub(crate) const UNMAPPED: &str = "Unmapped";
pub(crate) const UNASSIGNED: &str = "Unassigned";

/// The five team types of the team table, with their measure suffixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TeamType {
    Assessment,
    Safeguarding,
    ChildrenInCare,
    DisabledChildren,
    Other,
}

impl TeamType {
    pub const ALL: [TeamType; 5] = [
        TeamType::Assessment,
        TeamType::Safeguarding,
        TeamType::ChildrenInCare,
        TeamType::DisabledChildren,
        TeamType::Other,
    ];

    /// Reads a team type name (any case, spaces folded).
    pub fn parse(text: &str) -> Option<TeamType> {
        match fold_name(text).as_str() {
            "assessment" => Some(TeamType::Assessment),
            "safeguarding" => Some(TeamType::Safeguarding),
            "children in care" => Some(TeamType::ChildrenInCare),
            "disabled children" => Some(TeamType::DisabledChildren),
            "other" => Some(TeamType::Other),
            _ => None,
        }
    }

    /// The type's name as a team table writes it (`parse` reads it back).
    pub(crate) fn name(self) -> &'static str {
        match self {
            TeamType::Assessment => "assessment",
            TeamType::Safeguarding => "safeguarding",
            TeamType::ChildrenInCare => "children in care",
            TeamType::DisabledChildren => "disabled children",
            TeamType::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TeamType::Assessment => "Assessment Teams",
            TeamType::Safeguarding => "Safeguarding Teams",
            TeamType::ChildrenInCare => "Children in Care Teams",
            TeamType::DisabledChildren => "Disabled Children Teams",
            TeamType::Other => "Other Teams",
        }
    }

    pub fn index(self) -> usize {
        match self {
            TeamType::Assessment => 0,
            TeamType::Safeguarding => 1,
            TeamType::ChildrenInCare => 2,
            TeamType::DisabledChildren => 3,
            TeamType::Other => 4,
        }
    }
}

/// Index of an area: the table's areas first, then Unmapped, then Unassigned.
pub type AreaId = usize;

/// A team's area and type, as the team table gives them.
type Placed = (AreaId, Option<TeamType>);

/// The team table, resolved for lookups.
#[derive(Clone, Debug)]
pub struct Areas {
    names: Vec<String>,
    teams: FxHashMap<String, (AreaId, Option<TeamType>)>,
    /// Lookups by the team as written: a file repeats a few dozen team
    /// names hundreds of thousands of times, so fold each only once.
    seen: RefCell<FxHashMap<String, Placed>>,
    /// Lookups of records' teams by their address (`Team::address`),
    /// which is quicker than hashing the text. Each entry keeps its
    /// `Team`, so the address cannot be reused by other text meanwhile.
    by_address: RefCell<FxHashMap<usize, (Team, Placed)>>,
}

impl Areas {
    pub fn new(settings: &Settings) -> Areas {
        let mut names: Vec<String> = Vec::new();
        let mut teams = FxHashMap::default();
        for row in &settings.teams {
            let area = match names.iter().position(|name| *name == row.area) {
                Some(index) => index,
                None => {
                    names.push(row.area.clone());
                    names.len() - 1
                }
            };
            let team_type = row.team_type.as_deref().and_then(TeamType::parse);
            teams
                .entry(fold_name(&row.team))
                .or_insert((area, team_type));
        }
        Areas {
            names,
            teams,
            seen: RefCell::default(),
            by_address: RefCell::default(),
        }
    }

    /// How many table areas there are (Unmapped and Unassigned follow).
    pub(crate) fn table_len(&self) -> usize {
        self.names.len()
    }

    /// Number of slots including Unmapped and Unassigned.
    pub fn slots(&self) -> usize {
        self.names.len() + 2
    }

    pub fn unmapped(&self) -> AreaId {
        self.names.len()
    }

    pub(crate) fn unassigned(&self) -> AreaId {
        self.names.len() + 1
    }

    /// The area of a record's team.
    pub(crate) fn area_of(&self, team: &Team) -> AreaId {
        self.lookup(team).0
    }

    /// The area and type of a record's team.
    pub(crate) fn lookup(&self, team: &Team) -> (AreaId, Option<TeamType>) {
        if let Some((_, found)) = self.by_address.borrow().get(&team.address()) {
            return *found;
        }
        let found = self.lookup_name(team);
        self.by_address
            .borrow_mut()
            .insert(team.address(), (team.clone(), found));
        found
    }

    /// The area and type of a team name.
    pub(crate) fn lookup_name(&self, team: &str) -> (AreaId, Option<TeamType>) {
        if let Some(found) = self.seen.borrow().get(team) {
            return *found;
        }
        let found = if team.trim().is_empty() {
            (self.unassigned(), None)
        } else {
            self.teams
                .get(&fold_name(team))
                .copied()
                .unwrap_or((self.unmapped(), None))
        };
        self.seen.borrow_mut().insert(team.to_string(), found);
        found
    }

    /// Whether a non-blank team is missing from the table.
    pub(crate) fn is_unmapped(&self, team: &str) -> bool {
        self.lookup_name(team).0 == self.unmapped()
    }

    /// The display name of an area slot.
    pub fn name(&self, id: AreaId) -> &str {
        if let Some(name) = self.names.get(id) {
            name
        } else if id == self.unmapped() {
            UNMAPPED
        } else {
            UNASSIGNED
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::TeamRow;

    fn settings() -> Settings {
        let row = |team: &str, area: &str, team_type: &str| TeamRow {
            team: team.into(),
            area: area.into(),
            team_type: Some(team_type.into()),
        };
        Settings {
            teams: vec![
                row("South  Assessment", "SOUTH", "Assessment"),
                row("East Safeguarding", "EAST", "Safeguarding"),
                row("South CiC", "SOUTH", "Children in care"),
            ],
            ..Settings::default()
        }
    }

    #[test]
    fn areas_in_order_of_first_appearance() {
        let areas = Areas::new(&settings());
        assert_eq!(areas.table_len(), 2);
        assert_eq!(areas.name(0), "SOUTH");
        assert_eq!(areas.name(1), "EAST");
        assert_eq!(areas.name(2), UNMAPPED);
        assert_eq!(areas.name(3), UNASSIGNED);
    }

    #[test]
    fn teams_match_ignoring_case_and_spaces() {
        let areas = Areas::new(&settings());
        assert_eq!(
            areas.lookup(&Team::from(" south assessment ")),
            (0, Some(TeamType::Assessment))
        );
        assert_eq!(
            areas.lookup_name("SOUTH CIC"),
            (0, Some(TeamType::ChildrenInCare))
        );
        assert_eq!(areas.area_of(&Team::from("West")), areas.unmapped());
        assert_eq!(areas.lookup_name("  ").0, areas.unassigned());
        assert!(areas.is_unmapped("West"));
        assert!(!areas.is_unmapped(""));
    }
}
