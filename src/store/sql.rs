//! SQL built from pieces: text with `$n` placeholders numbered as values
//! are bound, so a turn's statements, and several turns', can be joined into
//! one call; on SQLite the placeholders go as `?` when it runs.

use sqlx::AnyConnection;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

use super::{Dialect, StoreError};

/// A value bound to a statement.
#[derive(Clone, Debug)]
pub(super) enum Bound {
    Int(i64),
    MaybeInt(Option<i64>),
    Text(String),
    MaybeText(Option<String>),
    Flag(bool),
    MaybeBytes(Option<Vec<u8>>),
}

/// SQL with `$n` placeholders numbered as values are bound, so pieces can
/// be joined into one statement.
#[derive(Default)]
pub(super) struct Sql {
    text: String,
    values: Vec<Bound>,
    /// Where each `$n` starts in `text`, in order.
    holes: Vec<usize>,
}

impl Sql {
    pub(super) fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    pub(super) fn bind(&mut self, value: Bound) -> &mut Sql {
        self.values.push(value);
        self.holes.push(self.text.len());
        self.text.push_str(&format!("${}", self.values.len()));
        self
    }

    /// Where the placeholder `$n` that starts at `hole` ends.
    fn placeholder_end(&self, hole: usize) -> usize {
        hole + 1
            + self.text[hole + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count()
    }

    /// `other`'s text and values after these, its placeholders renumbered.
    pub(super) fn append(&mut self, other: &Sql) -> &mut Sql {
        let mut copied = 0;
        for (&hole, value) in other.holes.iter().zip(&other.values) {
            self.push(&other.text[copied..hole]);
            copied = other.placeholder_end(hole);
            self.bind(value.clone());
        }
        self.push(&other.text[copied..])
    }

    /// `(v1, v2, …)` for each row, comma-separated.
    pub(super) fn rows(&mut self, rows: impl IntoIterator<Item = Vec<Bound>>) -> &mut Sql {
        for (n, row) in rows.into_iter().enumerate() {
            self.push(if n == 0 { "(" } else { ", (" });
            for (m, value) in row.into_iter().enumerate() {
                if m > 0 {
                    self.push(", ");
                }
                self.bind(value);
            }
            self.push(")");
        }
        self
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub(super) async fn execute(&self, conn: &mut AnyConnection) -> Result<u64, StoreError> {
        self.execute_kept(conn, true).await
    }

    /// As [`Sql::execute`], for a statement not worth keeping prepared on
    /// the connection (sqlx keeps the last hundred it ran).
    pub(super) async fn execute_once(&self, conn: &mut AnyConnection) -> Result<u64, StoreError> {
        self.execute_kept(conn, false).await
    }

    async fn execute_kept(&self, conn: &mut AnyConnection, kept: bool) -> Result<u64, StoreError> {
        let text = if Dialect::of_connection(conn) == Dialect::Sqlite {
            self.with_anonymous_placeholders()
        } else {
            self.text.clone()
        };
        let query = self.query(&text).persistent(kept);
        Ok(query.execute(conn).await?.rows_affected())
    }

    /// The text with `?` for each `$n`: every value is bound once, in order,
    /// so SQLite numbers them the same (across statements too). SQLite looks
    /// each named placeholder up among those seen before, when it parses and
    /// again when sqlx binds, which grows with the square of their number: a
    /// few turns' writes committed together have hundreds.
    fn with_anonymous_placeholders(&self) -> String {
        let mut text = String::with_capacity(self.text.len());
        let mut copied = 0;
        for &hole in &self.holes {
            text.push_str(&self.text[copied..hole]);
            text.push('?');
            copied = self.placeholder_end(hole);
        }
        text.push_str(&self.text[copied..]);
        text
    }

    fn query<'q>(&'q self, text: &'q str) -> Query<'q, sqlx::Any, AnyArguments<'q>> {
        self.values
            .iter()
            .fold(sqlx::query(text), |query, value| match value {
                Bound::Int(v) => query.bind(*v),
                Bound::MaybeInt(v) => query.bind(*v),
                Bound::Text(v) => query.bind(v.as_str()),
                Bound::MaybeText(v) => query.bind(v.as_deref()),
                Bound::Flag(v) => query.bind(*v),
                Bound::MaybeBytes(v) => query.bind(v.as_deref()),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::{Bound, Sql};

    #[test]
    fn appended_statements_keep_their_values_in_order() {
        let mut first = Sql::default();
        first
            .push("UPDATE a SET x = ")
            .bind(Bound::Int(1))
            .push(" WHERE y = ")
            .bind(Bound::Text("$2".into()));
        let mut second = Sql::default();
        second
            .push("INSERT INTO b VALUES (")
            .bind(Bound::Int(3))
            .push(", ")
            .bind(Bound::Int(4))
            .push(")");
        first.push("; ").append(&second);
        assert_eq!(
            first.text,
            "UPDATE a SET x = $1 WHERE y = $2; INSERT INTO b VALUES ($3, $4)"
        );
        let values: Vec<String> = first.values.iter().map(|v| format!("{v:?}")).collect();
        assert_eq!(values, ["Int(1)", "Text(\"$2\")", "Int(3)", "Int(4)"]);
        assert_eq!(
            first.with_anonymous_placeholders(),
            "UPDATE a SET x = ? WHERE y = ?; INSERT INTO b VALUES (?, ?)"
        );
    }
}
