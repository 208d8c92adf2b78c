//! A conversation with the pure protocol, the test playing the runtime: a
//! `Talk` holds the conversation and the world it happens in (time, locale,
//! agents), and `says`, `presses` and `asks` drive it.

use chrono::{DateTime, TimeZone, Utc};
use mesabot::locale::{Locale, Texts};
use mesabot::protocol::{
    self, Agents, Choice, Command, Context, Conversation, Effect, FaqAnswer, FaqEffect, FaqHit,
    Input, Reply, Step, Transition, UserInput,
};
use mesabot::understand::Understanding;

pub struct Talk {
    pub texts: Texts,
    pub understanding: Understanding,
    pub locale: Locale,
    pub now: DateTime<Utc>,
    pub bot_name: Option<&'static str>,
    pub conversation: Conversation,
    pub agents: Agents,
}

impl Talk {
    /// A desk whose local time (America/Mexico_City) is `hour:minute`.
    pub fn at(hour: u32, minute: u32) -> Talk {
        let now = chrono_tz::America::Mexico_City
            .with_ymd_and_hms(2026, 11, 26, hour, minute, 0)
            .single()
            .expect("valid local time")
            .with_timezone(&Utc);
        Talk {
            texts: Texts::load().expect("locales load"),
            understanding: Understanding::shipped().expect("shipped phrases parse"),
            locale: Locale::EsMx,
            now,
            bot_name: None,
            conversation: Conversation::default(),
            agents: Agents::NotConfigured,
        }
    }

    pub fn send(&mut self, input: Input) -> Transition {
        let cx = Context {
            now: self.now,
            tz: chrono_tz::America::Mexico_City,
            lang: self.texts.lang(self.locale),
            bot_name: self.bot_name,
            call_center_phone: "800 696 9696",
            inactivity_minutes: 30,
            ticket_prefix: "MESA-",
            privacy_notice_url: "https://dgsei.example.gob.mx/privacidad",
            agents: self.agents,
            locale: self.locale,
            understanding: &self.understanding,
        };
        let transition = protocol::step(self.conversation.clone(), input, &cx);
        self.conversation = transition.conversation.clone();
        transition
    }

    pub fn says(&mut self, text: &str) -> Transition {
        self.send(Input::User(UserInput::from_text(text)))
    }

    pub fn presses(&mut self, choice: Choice) -> Transition {
        self.send(Input::User(UserInput::Choice(choice)))
    }

    pub fn command(&mut self, command: Command) -> Transition {
        self.send(Input::User(UserInput::Command(command)))
    }

    pub fn step(&self) -> &Step {
        &self.conversation.step
    }

    /// Describes a problem and answers the search with `hits`.
    pub fn asks(&mut self, text: &str, hits: Vec<FaqHit>) -> Transition {
        let searching = self.says(text);
        assert_eq!(
            searching.effects,
            vec![Effect::FirstLevel(FaqEffect::Search(text.to_owned()))]
        );
        self.send(Input::FirstLevel(FaqAnswer::Found(hits)))
    }
}

pub fn hit(id: i64, question: &str) -> FaqHit {
    FaqHit {
        id,
        question: question.to_owned(),
        answer: format!("Respuesta de {question}"),
        sure: true,
    }
}

pub fn printer_hits() -> Vec<FaqHit> {
    vec![
        hit(13, "Mi impresora no imprime"),
        hit(14, "¿Cómo agrego una impresora de red?"),
        hit(15, "El escáner no envía los documentos a mi correo"),
    ]
}

pub fn all_text(t: &Transition) -> String {
    t.replies
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn choices(t: &Transition) -> Vec<Choice> {
    t.replies
        .iter()
        .flat_map(Reply::choices)
        .map(|b| b.choice)
        .collect()
}
