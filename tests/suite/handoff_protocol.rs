//! Handing over to an agent, through the pure protocol.

use crate::support::talk::{Talk, all_text, choices, printer_hits};
use mesabot::protocol::satisfaction::Rating;
use mesabot::protocol::{
    Agents, Choice, Command, Effect, EscalationReason, HandoffEffect, HandoffStage, Input,
    MenuOption, Outcome, Step, UserInput,
};
use mesabot::protocol::{FaqAnswer, HandoffEvent};

fn with_agents(agents: Agents) -> Talk {
    let mut desk = Talk::at(10, 0);
    desk.agents = agents;
    desk
}

#[test]
fn the_menu_offers_an_agent_only_when_a_group_is_configured() {
    let mut desk = with_agents(Agents::Available);
    let t = desk.command(Command::Start);
    assert!(choices(&t).contains(&Choice::Menu(MenuOption::Agent)));
    let mut desk = with_agents(Agents::NotConfigured);
    let t = desk.command(Command::Start);
    assert!(!choices(&t).contains(&Choice::Menu(MenuOption::Agent)));
}

#[test]
fn a_user_waits_with_the_hold_protocol_and_is_greeted_in_the_agents_name() {
    let mut desk = with_agents(Agents::Available);
    desk.command(Command::Start);
    let t = desk.presses(Choice::Menu(MenuOption::Agent));
    assert_eq!(
        t.effects,
        vec![Effect::Handoff(HandoffEffect::Escalate {
            reason: EscalationReason::Asked
        })]
    );
    let t = desk.send(Input::Handoff(HandoffEvent::Queued { position: 2 }));
    let text = all_text(&t);
    assert!(text.contains("Le comunico con un agente"), "{text}");
    assert!(text.contains("Hay 2 personas en la fila"), "{text}");
    assert!(text.contains("Permítame, lo sigo atendiendo"), "{text}");

    let t = desk.send(Input::Handoff(HandoffEvent::Hold { position: Some(1) }));
    assert!(all_text(&t).contains("Ahora es la siguiente persona en ser atendida"));
    let t = desk.send(Input::Handoff(HandoffEvent::Hold { position: None }));
    assert_eq!(
        all_text(&t),
        "Permítame, lo sigo atendiendo; no cierre esta conversación, por favor."
    );

    // What the user writes while waiting reaches the agents, unanswered by the bot.
    let t = desk.says("es urgente, no puedo facturar");
    assert_eq!(
        t.effects,
        vec![Effect::Handoff(HandoffEffect::Relay(UserInput::Text(
            "es urgente, no puedo facturar".into()
        )))]
    );
    assert!(t.replies.is_empty());

    let t = desk.send(Input::Handoff(HandoffEvent::AgentTook {
        agent: "Laura Méndez".into(),
    }));
    assert_eq!(
        all_text(&t),
        "Buenos días, le atiende Laura Méndez, ¿en qué puedo ayudarle?"
    );
    assert_eq!(
        desk.conversation.step,
        Step::Handoff(HandoffStage::WithAgent {
            agent: "Laura Méndez".into()
        })
    );

    let t = desk.send(Input::Handoff(HandoffEvent::AgentClosed {
        agent: "Laura Méndez".into(),
        outcome: Some(Outcome::FirstLevel),
    }));
    let text = all_text(&t);
    assert!(
        text.contains("¿Hay algo más en que pueda ayudarle? Le recuerdo mi nombre, Laura Méndez."),
        "{text}"
    );
    assert!(text.ends_with("que tenga buen día."), "{text}");
    assert_eq!(
        t.effects,
        vec![Effect::Close {
            outcome: Outcome::FirstLevel,
            solved_by_faq: None,
            rating: Rating::Ask,
        }]
    );
}

#[test]
fn nobody_in_time_outside_hours_or_no_group_offers_a_ticket_keeping_what_was_written() {
    let mut desk = with_agents(Agents::Available);
    desk.says("no me funciona el sistema de nómina");
    desk.send(Input::FirstLevel(FaqAnswer::Found(vec![])));
    desk.presses(Choice::Menu(MenuOption::Agent));
    desk.send(Input::Handoff(HandoffEvent::Queued { position: 1 }));
    let t = desk.send(Input::Handoff(HandoffEvent::AgentTimeout));
    assert!(
        all_text(&t).contains("ningún agente está disponible"),
        "{}",
        all_text(&t)
    );
    assert_eq!(choices(&t)[0], Choice::SecondLevel);
    let t = desk.presses(Choice::SecondLevel);
    assert!(all_text(&t).contains("Aviso de privacidad"));
    let draft = desk.conversation.ticket.clone().expect("draft");
    assert_eq!(
        draft.detail.as_deref(),
        Some("no me funciona el sistema de nómina")
    );

    let mut desk = with_agents(Agents::OutOfHours);
    desk.command(Command::Start);
    let t = desk.presses(Choice::Menu(MenuOption::Agent));
    assert!(
        all_text(&t).contains("fuera del horario"),
        "{}",
        all_text(&t)
    );
    assert!(t.effects.is_empty());
}

#[test]
fn after_a_failed_answer_the_user_chooses_a_ticket_or_a_person() {
    let mut desk = with_agents(Agents::Available);
    desk.asks("la impresora no imprime", printer_hits());
    let t = desk.presses(Choice::Solved(false));
    assert!(all_text(&t).contains("¿Prefiere que registremos un ticket"));
    assert_eq!(choices(&t), [Choice::SecondLevel, Choice::TalkToAgent]);
    let t = desk.presses(Choice::TalkToAgent);
    assert_eq!(
        t.effects,
        vec![Effect::Handoff(HandoffEffect::Escalate {
            reason: EscalationReason::FaqFailed
        })]
    );
}

#[test]
fn not_understood_twice_suggests_a_person() {
    let mut desk = with_agents(Agents::Available);
    desk.command(Command::Start);
    desk.asks("glorp", vec![]);
    let t = desk.asks("blorf", vec![]);
    assert!(
        all_text(&t).contains("no logro entenderle"),
        "{}",
        all_text(&t)
    );
    assert!(choices(&t).contains(&Choice::TalkToAgent));
    let t = desk.presses(Choice::TalkToAgent);
    assert_eq!(
        t.effects,
        vec![Effect::Handoff(HandoffEffect::Escalate {
            reason: EscalationReason::NotUnderstood
        })]
    );
}

#[test]
fn cancelar_leaves_the_queue_and_other_buttons_do_nothing_while_waiting() {
    let mut desk = with_agents(Agents::Available);
    desk.command(Command::Start);
    desk.presses(Choice::Menu(MenuOption::Agent));
    desk.send(Input::Handoff(HandoffEvent::Queued { position: 1 }));
    let t = desk.presses(Choice::Menu(MenuOption::OtherMatter));
    assert!(all_text(&t).contains("Sigue en la fila"));
    assert!(t.effects.is_empty());
    let t = desk.command(Command::Cancel);
    assert_eq!(t.effects, vec![Effect::Handoff(HandoffEffect::Leave)]);
    assert_eq!(desk.conversation.step, Step::Menu);
}

#[test]
fn silence_while_an_agent_works_is_not_abandonment() {
    let mut desk = with_agents(Agents::Available);
    desk.command(Command::Start);
    desk.presses(Choice::Menu(MenuOption::Agent));
    desk.send(Input::Handoff(HandoffEvent::AgentTook {
        agent: "Laura".into(),
    }));
    let t = desk.send(Input::Inactive);
    assert!(t.effects.is_empty() && t.replies.is_empty());
}

/// `/cerrar` without an outcome: what the conversation reached decides (a
/// ticket opened: second level; a transfer stays a transfer; else first
/// level); with one, the agent's word decides, except for a transfer.
#[test]
fn the_outcome_of_an_agents_close_follows_the_procedure() {
    let closed_with = |reached: Option<Outcome>, said: Option<Outcome>| {
        let mut desk = with_agents(Agents::Available);
        desk.command(Command::Start);
        desk.presses(Choice::Menu(MenuOption::Agent));
        desk.send(Input::Handoff(HandoffEvent::AgentTook {
            agent: "Laura Méndez".into(),
        }));
        desk.conversation.outcome = reached;
        let t = desk.send(Input::Handoff(HandoffEvent::AgentClosed {
            agent: "Laura Méndez".into(),
            outcome: said,
        }));
        t.effects.iter().find_map(|e| match e {
            Effect::Close {
                outcome, rating, ..
            } => Some((*outcome, *rating)),
            _ => None,
        })
    };
    let second = Some(Outcome::SecondLevel);
    let first = Some(Outcome::FirstLevel);
    let transferred = Some(Outcome::Transferred);
    assert_eq!(
        closed_with(None, None),
        Some((Outcome::FirstLevel, Rating::Ask))
    );
    assert_eq!(
        closed_with(second, None),
        Some((Outcome::SecondLevel, Rating::Ask))
    );
    assert_eq!(
        closed_with(second, first),
        Some((Outcome::FirstLevel, Rating::Ask))
    );
    assert_eq!(
        closed_with(None, second),
        Some((Outcome::SecondLevel, Rating::Ask))
    );
    assert_eq!(
        closed_with(transferred, first),
        Some((Outcome::Transferred, Rating::Ask))
    );
}
