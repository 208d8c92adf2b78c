//! Understanding a message and searching the FAQ with 1,000 entries, as the
//! desk does for every message: the phrases read (intent), the words folded,
//! stemmed, mapped through the synonyms and corrected, and the in-process
//! index searched. `cargo bench --bench faq_search`

use criterion::{Criterion, criterion_group, criterion_main};
use mesabot::faq::index::IndexedEntry;
use mesabot::faq::{FaqIndex, SynonymGroup};
use mesabot::locale::Locale;
use mesabot::understand::Understanding;

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

/// How the desk's examples are worded, over an entry's topic and troubles.
const EXAMPLE_FORMS: [&str; 25] = [
    "tengo un problema con {topic}",
    "desde ayer {trouble}",
    "me ayudan con {topic}? {trouble}",
    "otra vez {trouble} en la oficina",
    "oigan, {topic} {trouble} (ejemplo {n})",
    "how do i fix {topic} when it {trouble}",
    "buenos días, {topic} {trouble}",
    "{topic}: {trouble} desde esta mañana",
    "no sé qué hacer, {trouble}",
    "a mi compañero también le pasa que {trouble}",
    "fíjese que {topic} {trouble} y tengo prisa",
    "quiero saber por qué {trouble}",
    "{trouble} cada vez que entro",
    "me urge {topic}",
    "ya reinicié y {trouble}",
    "necesito ayuda con {topic} por favor",
    "desde que me cambiaron de lugar {trouble}",
    "{topic} no me deja trabajar",
    "en mi laptop {trouble}",
    "el sistema dice que {trouble}",
    "my {topic} {trouble}",
    "cómo arreglo {topic}",
    "les escribo porque {trouble}",
    "sigue igual: {trouble}",
    "caso {n}: {topic}",
];

/// 1,000 distinct entries over the desk's usual topics, with examples.
fn entries() -> Vec<IndexedEntry> {
    (0..1000)
        .map(|n| {
            let topic = TOPICS[n % 10];
            let trouble = TROUBLES[(n / 10) % 10];
            IndexedEntry {
                id: n as i64 + 1,
                question: format!("¿Qué hago si {topic} {trouble}? (caso {n})"),
                answer: format!(
                    "Revise {topic}; si {trouble}, reinicie el equipo y, si sigue igual, \
                     llame a la Mesa de Ayuda con el folio {n}."
                ),
                keywords: vec![format!("tema{}", n % 37), "soporte".into()],
                // 25 of the desk's examples per entry, as the sample FAQ has.
                examples: EXAMPLE_FORMS
                    .iter()
                    .enumerate()
                    .map(|(k, form)| {
                        form.replace("{topic}", topic)
                            .replace("{trouble}", TROUBLES[(n / 10 + k) % 10])
                            .replace("{n}", &n.to_string())
                    })
                    .collect(),
            }
        })
        .collect()
}

fn synonyms() -> Vec<SynonymGroup> {
    [
        vec!["computadora", "compu", "pc", "laptop", "equipo de computo"],
        vec!["contraseña", "contra", "password", "clave"],
        vec!["correo", "email", "mail", "correo electronico"],
        vec!["impresora", "printer", "impresor"],
        vec!["lento", "lenta", "slow", "tarda"],
    ]
    .into_iter()
    .map(|words| SynonymGroup {
        words: words.into_iter().map(String::from).collect(),
    })
    .collect()
}

fn bench(c: &mut Criterion) {
    let index = FaqIndex::build(entries(), &synonyms());
    let understanding = Understanding::shipped().expect("shipped phrases");
    let mut group = c.benchmark_group("faq search, 1000 entries");
    for (name, words) in [
        (
            "well spelled",
            "no puedo entrar a mi correo, olvidé la contraseña",
        ),
        ("misspelled", "la impresora de red no inprime y marca eror"),
        ("no match", "quiero comprar boletos para el concierto"),
    ] {
        group.bench_function(name, |b| b.iter(|| index.search(words, 3).len()));
    }
    group.bench_function("understanding and search", |b| {
        b.iter(|| {
            let text = "hola, buenos días, fíjese que la compu está lentísima y no imprime";
            let reading = understanding.read(text, Locale::EsMx);
            (reading.intent, index.search(text, 3).len())
        })
    });
    group.bench_function("understanding a request", |b| {
        b.iter(|| {
            understanding
                .read("me comunica con el área de redes por favor", Locale::EsMx)
                .intent
        })
    });
    group.finish();
    c.bench_function("index build, 1000 entries", |b| {
        b.iter(|| FaqIndex::build(entries(), &synonyms()).len())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
