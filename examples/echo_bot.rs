//! The ceiling for the load generator: a bare teloxide bot that echoes every
//! text message, with teloxide's default long polling and per-chat dispatch.
//! No database, no state, no rate limiting. A button press gets the three
//! calls mesabot makes for one: the press answered, the keyboard taken off
//! its message, and the button's data sent back.
//!
//! `TELOXIDE_TOKEN=1:x TELOXIDE_API_URL=http://127.0.0.1:PORT cargo run --release --example echo_bot`

use teloxide::prelude::*;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let token = std::env::var("TELOXIDE_TOKEN")?;
    let url = std::env::var("TELOXIDE_API_URL")?;
    let bot = Bot::new(token).set_api_url(url.parse()?);
    let handler = dptree::entry()
        .branch(Update::filter_message().endpoint(echo))
        .branch(Update::filter_callback_query().endpoint(press));
    Dispatcher::builder(bot, handler)
        .enable_ctrlc_handler()
        .build()
        .dispatch()
        .await;
    Ok(())
}

async fn echo(bot: Bot, msg: Message) -> ResponseResult<()> {
    if let Some(text) = msg.text() {
        bot.send_message(msg.chat.id, text).await?;
    }
    Ok(())
}

async fn press(bot: Bot, query: CallbackQuery) -> ResponseResult<()> {
    bot.answer_callback_query(query.id.clone()).await?;
    if let Some(message) = &query.message {
        bot.edit_message_reply_markup(message.chat().id, message.id())
            .await?;
        let data = query.data.clone().unwrap_or_default();
        bot.send_message(message.chat().id, data).await?;
    }
    Ok(())
}
