//! FAQ search with 1,000 entries: a user's words turned into a full-text
//! query (accents folded, misspellings corrected against the FAQ's own
//! vocabulary) and run against SQLite's FTS5 index, as the desk does for
//! every question. `cargo bench --bench faq_search`

use std::str::FromStr;

use criterion::{Criterion, criterion_group, criterion_main};
use mesabot::faq::{self, FaqEntry};
use mesabot::store::{self, Store};
use sqlx::sqlite::SqliteConnectOptions;

const TOPICS: [&str; 10] = [
    "contraseña del correo institucional",
    "impresora de red",
    "conexión a internet inalámbrica",
    "acceso a la VPN",
    "escáner que no envía documentos",
    "certificado de firma electrónica",
    "sistema de nómina",
    "equipo de cómputo lento",
    "carpeta compartida",
    "cuenta bloqueada",
];
const TROUBLES: [&str; 10] = [
    "no funciona",
    "marca error al iniciar",
    "se desconecta cada hora",
    "pide actualizar",
    "no aparece en la lista",
    "tarda demasiado",
    "no reconoce mi usuario",
    "muestra una pantalla en blanco",
    "se bloqueó después de tres intentos",
    "no deja guardar cambios",
];

/// 1,000 distinct entries over the desk's usual topics.
fn entries() -> Vec<FaqEntry> {
    (0..1000)
        .map(|n| {
            let topic = TOPICS[n % 10];
            let trouble = TROUBLES[(n / 10) % 10];
            FaqEntry {
                question: format!("¿Qué hago si {topic} {trouble}? (caso {n})"),
                answer: format!(
                    "Revise {topic}; si {trouble}, reinicie el equipo y, si sigue igual, \
                     llame a la Mesa de Ayuda con el folio {n}."
                ),
                keywords: vec![format!("tema{}", n % 37), "soporte".into()],
                service: None,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("folder");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let (store, vocabulary) = runtime.block_on(async {
        let store = Store::open(&SqliteConnectOptions::from_str(&url).expect("url"))
            .await
            .expect("store");
        store::faq::replace_all(store.writer(), &entries())
            .await
            .expect("faq");
        let mut conn = store.reader().acquire().await.expect("conn");
        let vocabulary = store::faq::vocabulary(&mut conn).await.expect("vocabulary");
        (store, vocabulary)
    });
    let mut conn = runtime
        .block_on(store.reader().acquire())
        .expect("a connection");
    let mut group = c.benchmark_group("faq search, 1000 entries");
    for (name, words) in [
        (
            "well spelled",
            "no puedo entrar a mi correo, olvidé la contraseña",
        ),
        ("misspelled", "la impresora de red no inprime y marca eror"),
        ("no match", "quiero comprar boletos para el concierto"),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async {
                    let expression = faq::match_expression(words, &vocabulary);
                    match expression {
                        Some(expression) => store::faq::search(&mut conn, &expression, 3)
                            .await
                            .expect("search")
                            .len(),
                        None => 0,
                    }
                })
            })
        });
    }
    group.finish();
    // The connection goes back to its pool inside the runtime.
    runtime.block_on(async move {
        drop(conn);
        store.close().await;
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
