//! Every user-visible text exists in every locale: the same message keys, each
//! with the same arguments, and every file parses cleanly.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use mesabot::locale::{Locale, Texts};

type Keys = BTreeMap<String, BTreeSet<String>>;

fn variables_in_pattern(pattern: &Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            variables_in_expression(expression, into);
        }
    }
}

fn variables_in_expression(expression: &Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            variables_in_inline(selector, into);
            for variant in variants {
                variables_in_pattern(&variant.value, into);
            }
        }
        Expression::Inline(inline) => variables_in_inline(inline, into),
    }
}

fn variables_in_inline(inline: &InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => variables_in_expression(expression, into),
        _ => {}
    }
}

fn keys_of(path: &str, source: &str) -> Keys {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{path} does not parse: {errors:?}"));
    let mut keys = Keys::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(message) => {
                let mut variables = BTreeSet::new();
                if let Some(value) = &message.value {
                    variables_in_pattern(value, &mut variables);
                }
                for attribute in &message.attributes {
                    variables_in_pattern(&attribute.value, &mut variables);
                }
                let previous = keys.insert(message.id.name.to_owned(), variables);
                assert!(
                    previous.is_none(),
                    "{path}: {} defined twice",
                    message.id.name
                );
            }
            Entry::Junk { content } => panic!("{path}: unparsable text: {content}"),
            _ => {}
        }
    }
    keys
}

fn locale_files() -> BTreeMap<String, Keys> {
    Texts::sources()
        .into_iter()
        .map(|(path, source)| {
            let locale = path.split('/').next().unwrap_or_default().to_owned();
            let keys = keys_of(&path, &source);
            (locale, keys)
        })
        .collect()
}

#[test]
fn every_locale_has_a_file() {
    let files = locale_files();
    for locale in Locale::ALL {
        assert!(
            files.contains_key(locale.tag()),
            "no locales/{locale}/mesabot.ftl"
        );
    }
}

#[test]
fn every_key_and_argument_exists_in_every_locale() {
    let files = locale_files();
    let reference = &files[Locale::EsMx.tag()];
    for (locale, keys) in &files {
        for (key, variables) in reference {
            let Some(theirs) = keys.get(key) else {
                panic!("locales/{locale}: key «{key}» is missing");
            };
            assert_eq!(
                theirs, variables,
                "locales/{locale}: «{key}» takes other arguments than in es-MX"
            );
        }
        for key in keys.keys() {
            assert!(
                reference.contains_key(key),
                "locales/{locale}: «{key}» is not in es-MX"
            );
        }
    }
}

#[test]
fn texts_load_without_bidi_isolation_marks() {
    let texts = Texts::load().expect("embedded locales load");
    for locale in Locale::ALL {
        let text = mesabot::t!(texts.lang(locale), "out-of-scope", phone = "800 696 9696");
        assert!(text.contains("800 696 9696"), "{text}");
        assert!(
            !text.contains('\u{2068}') && !text.contains('\u{2069}'),
            "{text:?}"
        );
    }
}
