//! How a user is reached: full name, e-mail and phone, each parsed once at the
//! edge into a value that cannot be invalid. Each error says what was wrong,
//! so the user can be asked again precisely.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A person's full name: at least a given name and a surname.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FullName(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is too short")]
    TooShort,
    #[error("the name is too long")]
    TooLong,
    #[error("a surname is needed")]
    NeedsSurname,
    #[error("the name has digits or symbols")]
    InvalidCharacters,
}

impl FullName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(text: &str) -> Result<FullName, NameError> {
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = name.chars().count();
        if length < 3 {
            return Err(NameError::TooShort);
        }
        if length > Self::MAX_CHARS {
            return Err(NameError::TooLong);
        }
        if !name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.' | '’'))
        {
            return Err(NameError::InvalidCharacters);
        }
        let words = name
            .split(' ')
            .filter(|w| w.chars().any(char::is_alphabetic));
        if words.count() < 2 {
            return Err(NameError::NeedsSurname);
        }
        Ok(FullName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for FullName {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        FullName::parse(&value)
    }
}

impl From<FullName> for String {
    fn from(value: FullName) -> Self {
        value.0
    }
}

impl fmt::Display for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An e-mail address that mail can be sent to: valid syntax and a domain with a dot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the address has no @")]
    MissingAt,
    #[error("the domain after @ is incomplete")]
    IncompleteDomain,
    #[error("the address is not valid")]
    Invalid,
}

impl Email {
    pub fn parse(text: &str) -> Result<Email, EmailError> {
        let text = text.trim().trim_start_matches("mailto:");
        let Some((local, domain)) = text.rsplit_once('@') else {
            return Err(EmailError::MissingAt);
        };
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
            return Err(EmailError::IncompleteDomain);
        }
        let address = format!("{local}@{}", domain.to_lowercase());
        email_address::EmailAddress::from_str(&address).map_err(|_| EmailError::Invalid)?;
        Ok(Email(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Equal addresses, ignoring case (what users type varies).
    pub fn same_as(&self, other: &Email) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Mexican phone number (10 digits) with an optional extension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone {
    /// The ten national digits.
    digits: String,
    extension: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("the number has letters or symbols")]
    InvalidCharacters,
    #[error("the number has {0} digits instead of 10")]
    WrongLength(usize),
    #[error("the number is not a Mexican number")]
    NotMexican,
    #[error("the extension is not valid")]
    BadExtension,
}

impl Phone {
    /// Accepts "55 1234 5678", "55-1234-5678", "(722) 123 4567", "+52 55 1234 5678",
    /// the old "044"/"045"/"01"/"+52 1" prefixes, and "ext. 123" or "x123".
    pub fn parse(text: &str) -> Result<Phone, PhoneError> {
        let lower = text.trim().to_lowercase();
        let (number, extension) = split_extension(&lower)?;
        if !number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'))
        {
            return Err(PhoneError::InvalidCharacters);
        }
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            10 => digits.as_str(),
            12 if digits.starts_with("52") => &digits[2..],
            12 if digits.starts_with("01") => &digits[2..],
            13 if digits.starts_with("521")
                || digits.starts_with("044")
                || digits.starts_with("045") =>
            {
                &digits[3..]
            }
            n => return Err(PhoneError::WrongLength(n)),
        };
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::MX), national)
            .map_err(|_| PhoneError::NotMexican)?;
        if !phonenumber::is_valid(&parsed) {
            return Err(PhoneError::NotMexican);
        }
        Ok(Phone {
            digits: national.to_owned(),
            extension,
        })
    }

    /// "+525512345678", for links and machines.
    pub fn e164(&self) -> String {
        format!("+52{}", self.digits)
    }
}

fn split_extension(text: &str) -> Result<(String, Option<String>), PhoneError> {
    for marker in ["extensión", "extension", "ext.", "ext", "x"] {
        if let Some(at) = text.find(marker) {
            let extension: String = text[at + marker.len()..]
                .trim()
                .trim_start_matches(['.', ':'])
                .trim()
                .to_owned();
            if extension.is_empty()
                || extension.len() > 6
                || !extension.chars().all(|c| c.is_ascii_digit())
            {
                return Err(PhoneError::BadExtension);
            }
            return Ok((text[..at].trim().to_owned(), Some(extension)));
        }
    }
    Ok((text.to_owned(), None))
}

impl fmt::Display for Phone {
    /// "55 1234 5678" in the big three cities, "722 123 4567" elsewhere.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.digits;
        if ["55", "56", "33", "81"]
            .iter()
            .any(|area| d.starts_with(area))
        {
            write!(f, "{} {} {}", &d[..2], &d[2..6], &d[6..])?;
        } else {
            write!(f, "{} {} {}", &d[..3], &d[3..6], &d[6..])?;
        }
        if let Some(extension) = &self.extension {
            write!(f, " ext. {extension}")?;
        }
        Ok(())
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Phone::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.to_string()
    }
}

/// The contact details on file for a chat, offered again to a returning user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: FullName,
    pub email: Email,
    pub phone: Phone,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_need_a_surname_and_no_digits() {
        assert_eq!(
            FullName::parse("  María   José Hernández ").map(String::from),
            Ok("María José Hernández".to_owned())
        );
        assert!(FullName::parse("O'Connor-Ruiz Ana").is_ok());
        assert_eq!(FullName::parse("María"), Err(NameError::NeedsSurname));
        assert_eq!(FullName::parse("Ma"), Err(NameError::TooShort));
        assert_eq!(
            FullName::parse("R2D2 Pérez"),
            Err(NameError::InvalidCharacters)
        );
        assert_eq!(FullName::parse(&"a ".repeat(80)), Err(NameError::TooLong));
    }

    #[test]
    fn emails_need_an_at_and_a_full_domain() {
        assert_eq!(
            Email::parse(" ana.perez@Edomex.GOB.mx ").map(String::from),
            Ok("ana.perez@edomex.gob.mx".to_owned())
        );
        assert_eq!(
            Email::parse("ana.perez.edomex.gob.mx"),
            Err(EmailError::MissingAt)
        );
        assert_eq!(
            Email::parse("ana@localhost"),
            Err(EmailError::IncompleteDomain)
        );
        assert_eq!(
            Email::parse("ana@edomex."),
            Err(EmailError::IncompleteDomain)
        );
        assert_eq!(
            Email::parse("ana pérez@edomex.gob.mx"),
            Err(EmailError::Invalid)
        );
    }

    #[test]
    fn mexican_phones_in_every_usual_writing() {
        for written in [
            "55 1234 5678",
            "55-1234-5678",
            "(55) 1234.5678",
            "+52 55 1234 5678",
            "52 5512345678",
            "044 55 1234 5678",
            "+52 1 55 1234 5678",
            "01 55 1234 5678",
        ] {
            let phone = Phone::parse(written).unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(phone.to_string(), "55 1234 5678", "{written}");
            assert_eq!(phone.e164(), "+525512345678");
        }
        assert_eq!(
            Phone::parse("722 123 4567 ext. 2041").map(|p| p.to_string()),
            Ok("722 123 4567 ext. 2041".to_owned())
        );
        assert_eq!(
            Phone::parse("7221234567x15").map(|p| p.to_string()),
            Ok("722 123 4567 ext. 15".to_owned())
        );
    }

    #[test]
    fn phone_errors_say_what_is_wrong() {
        assert_eq!(Phone::parse("55 1234 567"), Err(PhoneError::WrongLength(9)));
        assert_eq!(
            Phone::parse("mi celular"),
            Err(PhoneError::InvalidCharacters)
        );
        assert_eq!(
            Phone::parse("55 1234 5678 ext"),
            Err(PhoneError::BadExtension)
        );
        assert_eq!(Phone::parse("00 0000 0000"), Err(PhoneError::NotMexican));
    }

    #[test]
    fn values_survive_storage_as_text() {
        let contact = Contact {
            name: FullName::parse("Ana Pérez López").expect("name"),
            email: Email::parse("ana@edomex.gob.mx").expect("email"),
            phone: Phone::parse("722 123 4567 ext. 9").expect("phone"),
        };
        let json = serde_json::to_string(&contact).expect("serialises");
        assert_eq!(
            serde_json::from_str::<Contact>(&json).expect("reads back"),
            contact
        );
        assert!(serde_json::from_str::<Email>("\"no-at\"").is_err());
    }
}
