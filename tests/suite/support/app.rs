//! A desk on a real database with the people who talk to it, so desk-level
//! scenarios read as they happen: `app.user(21).says("…")`,
//! `app.user(21).presses(Choice::…)`, `app.agent(&laura).takes(handoff)`.

use std::sync::Arc;

use mesabot::agents::{Agent, AgentCommand, AgentSettings};
use mesabot::desk::{Delivery, Desk, Post, TakeResult, WrittenIn};
use mesabot::locale::{Locale, Texts};
use mesabot::protocol::{Choice, MenuOption, Reply, UserInput};
use mesabot::store::conversations::Participant;
use mesabot::ticket::{Impact, Kind, Urgency};

use super::{TestClock, TestDb};

pub struct App {
    pub db: TestDb,
    pub clock: TestClock,
    pub desk: Desk,
}

impl App {
    /// The desk at `hour:minute` of the test day, in the desk's time zone.
    pub async fn at(hour: u32, minute: u32) -> App {
        let db = TestDb::new();
        let clock = TestClock::local(hour, minute);
        let desk = db.desk(&clock).await;
        App { db, clock, desk }
    }

    /// As [`App::at`], with an agents' group: conversations can be handed over.
    pub async fn with_agents(hour: u32, minute: u32) -> App {
        let db = TestDb::new();
        let clock = TestClock::local(hour, minute);
        let desk = agents_desk(&db, &clock).await;
        App { db, clock, desk }
    }

    /// The user of private chat `chat` (Spanish, as most users).
    pub fn user(&self, chat: i64) -> User<'_> {
        self.desk.user(chat)
    }

    pub fn agent<'a>(&'a self, agent: &'a Agent) -> AgentAt<'a> {
        self.desk.agent(agent)
    }
}

/// The people who talk to a desk, for tests that build their own desk:
/// `desk.user(21).says("…")`.
pub trait People {
    fn user(&self, chat: i64) -> User<'_>;
    fn agent<'a>(&'a self, agent: &'a Agent) -> AgentAt<'a>;
}

impl People for Desk {
    fn user(&self, chat: i64) -> User<'_> {
        User {
            desk: self,
            who: super::user(chat),
        }
    }

    fn agent<'a>(&'a self, agent: &'a Agent) -> AgentAt<'a> {
        AgentAt { desk: self, agent }
    }
}

pub struct User<'a> {
    desk: &'a Desk,
    who: Participant,
}

impl User<'_> {
    /// The same user, with Telegram in another language.
    pub fn speaking(mut self, locale: Locale) -> Self {
        self.who.locale = locale;
        self
    }

    pub async fn says(&self, text: &str) -> Vec<Reply> {
        self.sends(UserInput::from_text(text)).await
    }

    pub async fn presses(&self, choice: Choice) -> Vec<Reply> {
        self.sends(UserInput::Choice(choice)).await
    }

    /// Each text said, each after the replies to the last.
    pub async fn says_each(&self, texts: &[&str]) {
        for text in texts {
            self.says(text).await;
        }
    }

    /// Each button pressed, each after the replies to the last.
    pub async fn presses_each(&self, choices: impl IntoIterator<Item = Choice>) {
        for choice in choices {
            self.presses(choice).await;
        }
    }

    /// From the greeting to "Crear": an incident with `service`, its detail
    /// and (unless the desk offers the contact on file) the contact's name,
    /// e-mail and phone, of significant impact and high urgency. The replies
    /// to "Crear", one per line.
    pub async fn opens_ticket(&self, service: i64, detail: &str, contact: [&str; 3]) -> String {
        self.says("/start").await;
        self.presses_each([
            Choice::SecondLevel,
            Choice::Privacy(true),
            Choice::Kind(Kind::Incidente),
            Choice::Service(service),
        ])
        .await;
        if super::joined(&self.says(detail).await).contains("¿Usamos los mismos datos") {
            self.presses(Choice::UseContactOnFile(true)).await;
        } else {
            self.says_each(&contact).await;
        }
        self.presses_each([
            Choice::Impact(Impact::Significativo),
            Choice::Urgency(Urgency::Alta),
        ])
        .await;
        super::joined(&self.presses(Choice::CreateTicket).await)
    }

    /// Asks for a person from the menu; gives the handoff the agents see.
    pub async fn asks_for_an_agent(&self) -> i64 {
        escalate(self.desk, &self.who).await
    }

    async fn sends(&self, input: UserInput) -> Vec<Reply> {
        self.desk
            .handle(&self.who, input, None)
            .await
            .expect("handled")
            .replies
    }
}

pub struct AgentAt<'a> {
    desk: &'a Desk,
    agent: &'a Agent,
}

impl AgentAt<'_> {
    pub async fn takes(&self, handoff: i64) -> TakeResult {
        self.desk
            .take(handoff, None, self.agent, None)
            .await
            .expect("take handled")
    }

    /// A command given in the group, in a conversation's topic or outside any.
    pub async fn commands(&self, place: Option<WrittenIn>, command: AgentCommand) -> Vec<Delivery> {
        self.desk
            .agent_command(None, place, self.agent, command, None)
            .await
            .expect("command handled")
    }
}

/// A desk with an agents' group (chat -100) on `db`, at `clock`'s time.
pub async fn agents_desk(db: &TestDb, clock: &TestClock) -> Desk {
    let mut settings = super::settings();
    settings.agents = AgentSettings {
        group_chat_id: Some(-100),
        ..AgentSettings::none()
    };
    let now = clock.clone();
    Desk::new(db.store().await, Texts::load().expect("locales"), settings)
        .with_clock(Arc::new(move || now.now()))
}

/// `who` greets and asks for a person from the menu; the handoff on the card.
pub async fn escalate(desk: &Desk, who: &Participant) -> i64 {
    desk.handle(who, UserInput::from_text("/start"), None)
        .await
        .expect("start");
    let turn = desk
        .handle(
            who,
            UserInput::Choice(Choice::Menu(MenuOption::Agent)),
            None,
        )
        .await
        .expect("escalated");
    turn.deliveries
        .iter()
        .find_map(|d| match d {
            Delivery::Handoff {
                handoff,
                post: Post::Card { .. },
            } => Some(*handoff),
            _ => None,
        })
        .expect("a card for the agents")
}
