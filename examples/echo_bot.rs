//! The ceiling for the load generator: a bare teloxide bot that echoes every
//! text message, with teloxide's default long polling and per-chat dispatch.
//! No database, no state, no rate limiting.
//!
//! `TELOXIDE_TOKEN=1:x TELOXIDE_API_URL=http://127.0.0.1:PORT cargo run --release --example echo_bot`

use teloxide::prelude::*;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let token = std::env::var("TELOXIDE_TOKEN")?;
    let url = std::env::var("TELOXIDE_API_URL")?;
    let bot = Bot::new(token).set_api_url(url.parse()?);
    teloxide::repl(bot, |bot: Bot, msg: Message| async move {
        if let Some(text) = msg.text() {
            bot.send_message(msg.chat.id, text).await?;
        }
        Ok(())
    })
    .await;
    Ok(())
}
