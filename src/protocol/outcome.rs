//! How a conversation ended: the categories of the desk's monthly indicators.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Solved on first contact (ops 3-5).
    FirstLevel,
    /// A ticket was opened for a resolver (ops 6-9).
    SecondLevel,
    /// Handed to a person or area inside (ops 10-13).
    Transferred,
    /// A call placed to the outside (ops 14-24).
    External,
    /// Not a DGSEI service: the call center's number was given (policy).
    OutOfScope,
    /// The user stopped answering.
    Abandoned,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::FirstLevel => "first_level",
            Outcome::SecondLevel => "second_level",
            Outcome::Transferred => "transferred",
            Outcome::External => "external",
            Outcome::OutOfScope => "out_of_scope",
            Outcome::Abandoned => "abandoned",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown outcome «{0}»")]
pub struct UnknownOutcome(String);

impl FromStr for Outcome {
    type Err = UnknownOutcome;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Outcome::FirstLevel,
            Outcome::SecondLevel,
            Outcome::Transferred,
            Outcome::External,
            Outcome::OutOfScope,
            Outcome::Abandoned,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
        .ok_or_else(|| UnknownOutcome(s.to_owned()))
    }
}
