## mesabot — English texts.

bot-default-name = DGSEI Help Desk

## Protocol, rule 2: greeting by time of day.
greeting = { $part ->
    [morning] Good morning
    [afternoon] Good afternoon
   *[night] Good evening
}, this is { $name }, how may I help you?
menu-prompt = Choose an option or describe what you need in your own words.
menu-again = What else can I help you with? Choose an option or write your question.
menu-support = Technical support
menu-ticket-status = Ticket status
menu-contact = Contact a person or area
menu-other = Another matter (not a DGSEI service)

## First-level support (operations 3 to 5).
support-ask = Please tell me in your own words what the problem is. For example: "I forgot my e-mail password".
faq-answer = This may help:

    { $question }

    { $answer }
faq-alternatives = If that is not what you need, other answers that may help are below.
faq-see = See: { $question }
faq-resolved-ask = Did this solve your problem?
faq-no-match = I found no answer for that in the knowledge base.
faq-entry-gone = That answer is no longer available.
faq-refine = If you like, describe the problem in other words, or ask for second-level support.
faq-glad = I am glad it was solved!
offer-ticket = Ask for second-level support (ticket)
answer-yes = Yes
answer-no = No
# Words accepted as a typed answer, comma separated.
faq-suggest = I found no sure answer for that. Do you mean one of these? If not, describe it in other words or ask for second-level support.
# Small talk (what people write that asks for nothing).
small-talk-greeting = Hello! How can I help you? Choose an option or write your question.
small-talk-still-here = Hello! I am still here to help you.
small-talk-ack = You are welcome.
small-talk-welcome = You are welcome. I am here whenever you need me.
understand-which = I want to be sure I understand you: what do you need?

## Second-level support (operations 6 to 9): the ticket wizard.
second-level-next = The next step is second-level support: we open a ticket and a specialised resolver takes care of it.
privacy-notice =
    Privacy notice: the State Informatics System (DGSEI) is responsible for the personal data I will ask you for (name, e-mail and phone). We will use them only to handle your request and to contact you about it. You can exercise your rights of access, rectification, cancellation and opposition (ARCO) before the Transparency Unit. Full notice: { $url }

    Do you agree that we process your data to handle your request?
privacy-accept = I agree
privacy-decline = I do not agree
privacy-declined = Understood, we will not record your data. If you prefer, you can call the State Government Call Center at { $phone }.
ticket-ask-kind =
    What kind of request is it?
    • Incident: something that worked stopped working or works badly.
    • Requirement: you need something new (an account, a permission, an installation, a change).
ticket-kind-button = { $kind ->
    [incidente] Incident: something fails
   *[requerimiento] Requirement: I need something
}
ticket-kind-name = { $kind ->
    [incidente] Incident
   *[requerimiento] Requirement
}
ticket-ask-service = Which service is it about?
ticket-ask-detail = Describe the problem in as much detail as you can: what happens, since when and what message appears (at least { $min } characters).
ticket-ask-more-detail =
    This is what you told me:
    "{ $detail }"

    If you like, add more details or send a screenshot of the error. When you are done, choose "Continue".
ticket-detail-done = Continue
ticket-detail-too-short = The description is very short: please write at least { $min } characters so the resolver understands the problem.
ticket-detail-too-long = The description would be { $length } characters long and the maximum is { $max }. Please shorten it; what you had already written is kept.
ticket-attachment-received = I received your file; it will be attached to the ticket.
ticket-attachment-kind = I can only attach a photo or a document to the ticket. Write the detail, or send a screenshot.
ticket-ask-name = Please write your full name (given name and surnames).
ticket-ask-email = Please write your e-mail address; we will send the ticket number there.
ticket-ask-phone = Please write a 10-digit contact phone number. Add the extension if you have one, for example: 722 123 4567 ext. 1234.
ticket-bad-name = { $reason ->
    [short] The name is too short.
    [long] The name is too long.
    [surname] I need your given name and at least one surname.
   *[characters] The name may only have letters, spaces, hyphens and apostrophes.
} Please try again.
ticket-bad-email = { $reason ->
    [at] The address is missing the at sign (@).
    [domain] The full domain is missing after the at sign, for example: @edomex.gob.mx.
   *[invalid] That address is not valid: check it has no spaces or accents.
} Please write it again, for example: name.surname@edomex.gob.mx
ticket-bad-phone-length = The number has { $digits } digits and must have 10 (area code and number). Please write it again, for example: 722 123 4567.
ticket-bad-phone = { $reason ->
    [characters] The phone may only have digits, spaces, hyphens and +52.
    [extension] The extension must have 1 to 6 digits, for example: ext. 1234.
   *[mexican] That number is not a Mexican phone number.
} Please write it again.
ticket-contact-on-file =
    Shall we use the same contact details as last time?
    Name: { $name }
    E-mail: { $email }
    Phone: { $phone }
ticket-contact-other = No, other details
ticket-ask-impact = How many people does the problem affect?
ticket-impact-button = { $impact ->
    [extenso] Every user of the service
    [significativo] Most of my area or agency
    [moderado] Part of my area
   *[menor] Only me or very few people
}
ticket-impact-name = { $impact ->
    [extenso] Extensive (100 % of users)
    [significativo] Significant (60 %)
    [moderado] Moderate (30 %)
   *[menor] Minor (5 %)
}
ticket-ask-urgency = How much does it keep you from working?
ticket-urgency-button = { $urgency ->
    [critica] A critical function cannot work at all
    [alta] A serious failure in several areas, but there is another way to work
    [media] It affects few people or no critical function
   *[baja] I can keep working; it can be scheduled
}
ticket-urgency-name = { $urgency ->
    [critica] Critical
    [alta] High
    [media] Medium
   *[baja] Low
}
ticket-current-value = (Current value: { $value }. Write or choose another, or choose "Keep".)
ticket-keep = Keep
ticket-back = « Back
ticket-cancel = Cancel
ticket-use-buttons = Please choose one of the options.
ticket-summary =
    Please check your ticket:
    Kind: { $kind }
    Service: { $service }
    Detail: { $detail }
    Attachment: { $attachment ->
        [yes] yes
       *[no] no
    }
    Name: { $name }
    E-mail: { $email }
    Phone: { $phone }
    Impact: { $impact }
    Urgency: { $urgency }
    Priority: { $priority ->
        [1] 1 (very high)
        [2] 2 (high)
        [3] 3 (medium)
       *[4] 4 (low)
    }

    If everything is right, choose "Create ticket"; otherwise correct what you need.
ticket-create = Create ticket
ticket-edit = Correct { $field ->
    [kind] kind
    [service] service
    [detail] detail
    [name] name
    [email] e-mail
    [phone] phone
    [impact] impact
   *[urgency] urgency
}
ticket-cancelled = All right, the ticket is left pending. What you gave me is kept if you decide to continue.
ticket-no-services = I cannot open tickets here right now because the services catalogue is not available. Please call the Help Desk.
ticket-created = Your ticket was opened with number { $number }. Please note it down to follow it up; we also sent it to { $email }. A resolver will contact you by e-mail or phone.
attachment-not-now = I can receive files when you describe the problem of a ticket. For now, please go on with the question.

## Policy: the status of a ticket whenever the user asks.
status-ask-number = Please write your ticket number.
status-bad-number = I do not see a ticket number in that message. Please write it with digits only, for example: 123.
status-ask-email-for = To protect your information, please write the e-mail address recorded on ticket { $number }.
status-ask-email = Please write the e-mail address recorded on the ticket.
status-bad-email = That e-mail address is not valid. Please write it in full, for example: name@edomex.gob.mx
status-no-match = I found no ticket with that number and that e-mail. Please check both and try again.
status-too-many = There were several lookups that did not match. For security, please wait a few minutes before trying again.
status-name = { $status ->
    [abierto] Open
    [asignado] Assigned
    [en_proceso] In progress
    [en_espera] On hold
    [resuelto] Resolved
   *[cerrado] Closed
}
status-view =
    Ticket { $number }
    Status: { $status ->
        [abierto] Open
        [asignado] Assigned
        [en_proceso] In progress
        [en_espera] On hold
        [resuelto] Resolved
       *[cerrado] Closed
    }
    Kind: { $kind ->
        [incidente] Incident
       *[requerimiento] Requirement
    }
    Service: { $service }
    Priority: { $priority ->
        [1] 1 (very high)
        [2] 2 (high)
        [3] 3 (medium)
       *[4] 4 (low)
    }
    Opened: { $opened }
    Last update: { $updated }
    History:
status-history-line = { $at }: { $status ->
    [abierto] Open
    [asignado] Assigned
    [en_proceso] In progress
    [en_espera] On hold
    [resuelto] Resolved
   *[cerrado] Closed
}


## Policy: matters that are not DGSEI services.
out-of-scope = That matter is not one of the services of the State Informatics System (DGSEI). Please contact the State Government Call Center at { $phone }, where they will gladly help you.

## Protocol, rule 7: farewell.
anything-else = Is there anything else I can help you with?
farewell = Let me remind you my name, { $name }. Goodbye, have a good { $part ->
    [morning] day
    [afternoon] afternoon
   *[night] evening
}.

## Closed for inactivity (operation 25: every conversation is registered).
inactivity-closed = As I have had no answer for { $minutes } minutes, I am closing this conversation. Whenever you need it, write to me again and I will gladly help you.

## Commands and help.
help =
    I am { $name }, the assistant of the DGSEI Help Desk. I can:
    • Give you first-level technical support: describe your problem and I answer from the knowledge base.
    • Open a second-level support ticket so a resolver takes care of it.
    • Tell you the status of your ticket: write, for example, "ticket 123".
    • Point you in the right direction when your matter is not a DGSEI service.

    Commands:
    /start: start or show the menu
    /estado: the status of a ticket (for example: /estado 123)
    /atras: back to the previous question while opening a ticket
    /ayuda: show this help
    /cancelar: leave the current step and go back to the menu
cancelled = All right, we leave that step.
stale-choice = That option is no longer available.
unsupported-message = For now I can only read text messages. Please write your question.
error-try-again = I had a problem processing your message. Please try again in a moment.
flood-slow-down = You are sending messages very quickly. Please wait a few seconds and write again; the messages sent just now were not processed.
unknown-command = I do not know that command. Write /ayuda to see what I can do.
command-start = Start or show the menu
command-help = See what I can do
command-cancel = Leave the current step and go back to the menu
command-status = Status of a ticket
command-back = Back to the previous question

## Terminal mode.
terminal-intro = Terminal conversation mode. Type the number of an option or your message; Ctrl+D to quit.
terminal-resume = (We continue the conversation where it was left.)
terminal-choice-out-of-range = There is no option { $number }. Choose a number from the list or type your message.
terminal-bye = Goodbye. The conversation is saved and you can continue it later.

## Administration command line.
cli-faq-imported = Imported { $count } frequently asked questions; the previous knowledge base was replaced.
cli-faq-exported = Exported { $count } frequently asked questions to { $path }.
cli-faq-empty = The knowledge base is empty.
cli-faq-example-added = Example added to «{ $question }»; the bot uses it from its next message.
cli-faq-example-known = «{ $question }» already has that example; nothing changed.
cli-faq-no-entry = There is no question number { $number }: the knowledge base has { $entries }. `mesabot faq list` numbers them.
cli-faq-example-empty = The example is empty: write in quotes how the user asked it.
cli-faq-learn-none = Nothing new to learn: for every conversation an FAQ question solved, the bot already gives that answer to what the user wrote.
cli-faq-learn-header = What users wrote and the question that solved it although the bot only suggested it (the question's number in `mesabot faq list`, times):
cli-faq-learn-hint = For the bot to recognise it next time: `mesabot faq learn --add` adds as examples all that carries no person's data; `mesabot faq example N "text"` adds one.
cli-faq-learn-personal = ↳ may carry a person's data (their name, an e-mail address or a number): `--add` leaves it out; add it without them with `mesabot faq example`.
cli-faq-learn-left-out = { $count ->
    [one] 1 was left out because it may carry a person's data (their name, an e-mail address or a number): `mesabot faq learn` shows it; add it without them with `mesabot faq example N "text"`.
   *[other] { $count } were left out because they may carry a person's data (their name, an e-mail address or a number): `mesabot faq learn` shows them; add them without it with `mesabot faq example N "text"`.
}
cli-faq-learned = { $count ->
    [one] Added 1 example; the bot uses it from its next message.
   *[other] Added { $count } examples; the bot uses them from its next message.
}
cli-phrases-imported = Imported { $count } phrases for { $locale }; the bot uses them from its next message.
cli-phrases-exported = The { $locale } phrases were written to { $path }.
cli-phrases-reset = { $locale } uses the phrases shipped with mesabot again.
cli-understand-intent = Intent: { $intent }
cli-understand-alternative = As likely: { $intent } (the bot asks which)
cli-understand-phrases = Phrases found:
cli-understand-no-phrases = No phrase found.
cli-understand-negated = (discarded: negation)
cli-understand-vetoed = (discarded: an «unless» word)
cli-understand-content = Words of the question: { $words }
cli-understand-terms = Knowledge base search (word → term, weight):
cli-understand-none = No answer found.
cli-understand-score = score { $score }, covers { $coverage } % of the message: { $verdict }
cli-understand-sure = given as the answer
cli-understand-unsure = only suggested
cli-understand-synonym = synonym of «{ $word }»
cli-understand-corrected = corrected to «{ $word }»
cli-understand-everyday = an everyday word: weighs less
cli-understand-example = the desk's closest example: «{ $example }»

## Ticket mails (operation 8).
mail-user-subject = Ticket { $number }: your request was recorded
mail-user-body =
    Hello { $name },

    We recorded your request at the DGSEI Help Desk with ticket number { $number }. Please keep it to follow it up.

    Kind: { $kind ->
        [incidente] Incident
       *[requerimiento] Requirement
    }
    Service: { $service }
    Priority: { $priority ->
        [1] 1 (very high)
        [2] 2 (high)
        [3] 3 (medium)
       *[4] 4 (low)
    }
    Description: { $detail }
    Contact phone: { $phone }

    What comes next: a resolver will contact you by e-mail or phone.

    To know the status of your ticket at any time, write to the Help Desk assistant: /estado { $number }

    Kind regards,
    { $bot }
mail-resolver-subject = [Priority { $priority }] Ticket { $number } assigned: { $service }
mail-resolver-body =
    { $resolver }:

    Ticket { $number } was assigned to you.

    Kind: { $kind ->
        [incidente] Incident
       *[requerimiento] Requirement
    }
    Service: { $service }
    Priority: { $priority } (impact { $impact ->
        [extenso] extensive, 100 %
        [significativo] significant, 60 %
        [moderado] moderate, 30 %
       *[menor] minor, 5 %
    }; urgency { $urgency ->
        [critica] critical
        [alta] high
        [media] medium
       *[baja] low
    })
    Opened: { $opened }
    Description:
    { $detail }
    Attachment (Telegram file id): { $attachment }

    User:
    Name: { $name }
    E-mail: { $email }
    Phone: { $phone }

    Please contact the user by e-mail or phone.
cli-privacy-purged = Anonymised what was closed before { $before }: { $conversations } conversations ({ $messages } messages deleted), { $tickets } tickets, { $calls } calls; { $mails } sent mails deleted. The indicators keep their counts.
cli-sends-summary = Telegram messages waiting: { $waiting }; refused by Telegram: { $refused }.
cli-backup-written = Backup written to { $path } and checked (integrity: ok): { $conversations } conversations, { $tickets } tickets.
cli-backup-unsound = The copy { $path } failed the integrity check: { $integrity }
cli-sends-refused = #{ $id } · chat { $chat } · queued { $queued } · refused { $refused } · { $attempts } attempts · { $error }
cli-mail-empty = The outbox is empty.
cli-mail-row = #{ $id } · ticket { $ticket } · { $purpose } · { $recipient } · { $state ->
    [sent] sent at { $at }
    [failed] failed at { $at } after { $attempts } attempts: { $error }
   *[pending] pending, { $attempts } attempts, next at { $at }{ $error }
}
cli-mail-retried = Mail #{ $id } will be sent again as soon as the bot process picks it up.
cli-mail-not-found = There is no pending or failed mail #{ $id }.
cli-ticket-not-found = Ticket { $number } does not exist.
cli-ticket-empty = No tickets match.
cli-ticket-row = { $number } · { $status } · priority { $priority } · { $service } · { $name } · { $opened }
ticket-detail =
    Ticket { $number } ({ $status })
    Kind: { $kind } · Service: { $service } · Priority: { $priority } (impact { $impact }, urgency { $urgency })
    Resolver: { $resolver }
    User: { $name } · { $email } · { $phone } ({ $channel } { $chat })
    Opened: { $opened } · Updated: { $updated } · Privacy notice accepted: { $privacy }
    Attachment: { $attachment }
    Detail:
    { $detail }
    History:
cli-bad-status = Unknown status «{ $status }»; use: abierto, asignado, en_proceso, en_espera, resuelto or cerrado.

## Attention by an agent (protocol, rule 6: waiting).
menu-agent = Talk to an agent
agent-ask-button = Talk to an agent
escalation-choice = I am sorry it was not solved. Would you rather have a ticket opened for a resolver, or talk now with a Help Desk agent?
agent-suggest = It seems I cannot understand you. If you prefer, I can put you through to an agent.
agent-unavailable = { $reason ->
    [hours] Agents are outside their working hours right now.
    [timeout] I am sorry for the wait: no agent is available right now.
   *[none] No agents are available through this channel right now.
} I can open a ticket with what you already told me so that a resolver takes care of it.
agent-wait = I am putting you through to a Help Desk agent; as soon as one is free they will answer you right here. There { $position ->
    [1] is one person
   *[other] are { $position } people
} in the queue, counting you. Please bear with me; do not close this conversation.
agent-hold = Please bear with me, I am still with you; do not close this conversation.
agent-hold-position = Please bear with me, I am still with you; do not close this conversation. You are now { $position ->
    [1] next in line
   *[other] number { $position } in the queue
}.
agent-greeting = { $part ->
    [morning] Good morning
    [afternoon] Good afternoon
   *[night] Good evening
}, this is { $agent }, how may I help you?
agent-released = Your conversation went back to the queue; another agent will answer you shortly. Please bear with me.
agent-passed = I am putting you through to the { $area } team; they will answer you shortly. Please bear with me.
agent-passed-general = I am putting you through to another Help Desk team; they will answer you shortly. Please bear with me.
agent-farewell = Is there anything else I can help you with? Let me remind you my name, { $agent }. Goodbye, have a good { $part ->
    [morning] day
    [afternoon] afternoon
   *[night] evening
}.
agent-left = All right, we leave the conversation with the agent.
agent-still-waiting = You are still in the queue for an agent; write here what you need and they will see it when they answer. To leave the queue write /cancelar.
agent-still-with = An agent is answering you; write to them here. To finish write /cancelar.

## Agents' group.
agent-card-title = #{ $conversation } · { $name }
topic-waiting = 🟡 { $title }
topic-attended = 🟢 { $title } · { $agent }
topic-closed = ✅ { $title }
card-state-waiting = 🟡 Waiting for an agent
card-state-attended = 🟢 Attended by { $agent }
card-state-closed = ✅ Closed
topic-passed = ➡️ { $title } · { $to }
card-state-passed = ➡️ Passed to { $to }
topic-history = This conversation's previous topic no longer exists; it goes on here. The latest:
topic-history-line = { $who }: { $text }
topic-history-bot = Help Desk
agent-card =
    Conversation #{ $conversation } · { $name }
    Reason: { $reason ->
        [asked] asked to talk to an agent
        [faq_failed] the knowledge base did not solve the problem
       *[not_understood] the assistant could not understand them
    }
    Service: { $service }
    What they asked: { $problem }
    Answer the assistant offered: { $faq }
    Contact details on file: { $contact }
agent-take-button = Take
agent-taken-notice = { $agent } is handling this conversation. What you write here reaches the user; use /faq text or /plantilla name to answer without typing, /nota for internal notes, /pasar to take it to another service's group and /cerrar or /liberar when done.
agent-taken-by = { $agent } already has it.
agent-gone = This conversation is no longer waiting.
agent-take-first = Take the conversation with "Take" before answering.
agent-not-yours = { $agent } is handling this conversation.
agent-user-says = { $name }: { $text }
agent-user-sent-file = { $name } sent this file.
agent-user-sent-album = { $name } sent these files:
relay-edited = ✏️ edited: { $text }
agent-cannot-relay = That kind of message (a poll, a game) cannot be passed on to the person attending you. Write it, or send a photo, a file or a voice note.
agent-cannot-relay-to-user = That kind of message (a poll, a game) cannot be passed on to the user. Write it, or send a photo, a file or a voice note.
agent-user-left = The user left the conversation.
agent-note-saved = Internal note saved (the user does not see it).
agent-closed-notice = Conversation closed as { $outcome ->
    [first_level] solved at first level
    [transferred] transferred
   *[second_level] second level
}.
agent-released-notice = { $agent } released the conversation; it is back in the queue.
agent-passed-notice = { $agent } passed the conversation to the { $to } group; it is attended there. This topic is closed.
agent-passed-card = { $agent } passed this conversation here from the { $from } group.
agent-passed-elsewhere = This conversation was passed to another group; it is attended there.
agent-pass-choose = To which group? Write /pasar and one of: { $groups }.
agent-pass-unknown = There is no «{ $name }» group. Write /pasar and one of: { $groups }.
agent-pass-ambiguous = «{ $name }» names more than one group. Write /pasar and one of: { $groups }.
agent-pass-same = The conversation is already in that group.
agent-pass-no-groups = There is only one agents' group. An administrator gives services their own groups with: mesabot route set <service> <chat_id>.
agent-needs-conversation = Use this command inside a conversation's topic (or replying to its card).
agent-queue-empty = No conversations are waiting.
agent-queue-title = Conversations waiting: { $count }
agent-queue-line = #{ $conversation } · { $name } · waiting { $minutes }:{ $seconds }
agent-mine-empty = { $agent } is not attending any conversation right now.
agent-mine-title = Conversations { $agent } is attending: { $count }
agent-mine-line = #{ $conversation } · { $name } · for { $minutes } min
agent-alert = Attention: conversation #{ $conversation } of { $name } has been waiting { $seconds } seconds for an agent.
agent-low-rating = ⚠️ Low rating: { $score } of 5 for conversation #{ $conversation } of { $name }, attended by { $agent }.
agent-low-rating-link = See the conversation: { $link }
agent-timeout-notice = Nobody took this conversation in time; the user was offered a ticket.
agent-only = That command is only for Help Desk agents, in their group.
cli-agent-added = Agent { $id } will be shown as "{ $name }".
cli-agent-bad-name = Please give the name the agent introduces themselves with.
cli-agent-empty = No agents are named; their Telegram profile name is used.
cli-agent-removed = Agent { $id }'s name was removed.
cli-agent-not-found = There is no agent { $id }.
cli-template-added = Template «{ $name }» saved for { $locale }.
cli-template-bad-name = «{ $name }» cannot be a template name: use one word of letters, digits, «-» or «_» (up to 32).
cli-template-no-text = The template «{ $name }» needs a text.
cli-template-too-long = The template «{ $name }» has { $chars } characters; a Telegram message holds { $most }.
cli-template-empty = There are no templates. Add one with: mesabot template add name "text".
cli-template-not-found = There is no template «{ $name }».
cli-template-removed = Removed the template «{ $name }» ({ $count } { $count ->
    [one] locale
   *[other] locales
}).
cli-template-exported = Wrote { $count } templates to { $path }.
cli-template-imported = Imported { $count } templates; agents use them from now on.
cli-route-unknown-service = There is no «{ $service }» service in the catalogue. The services are: { $services }.
cli-route-not-a-group = «{ $chat }» is not a Telegram group's chat_id: groups have negative numbers, such as -1001234567890 (add the bot to the group and read its id in the bot's log).
cli-route-set = «{ $service }» conversations now go to group { $group }.
cli-route-empty = No service has a group of its own: every conversation goes to the general group (AGENT_CHAT_ID). Give one with: mesabot route set <service> <chat_id>.
cli-route-none = «{ $service }» had no group of its own; its conversations already go to the general group.
cli-route-removed = «{ $service }» conversations go back to the general group.
cli-route-exported = Wrote { $count } routes to { $path }.
cli-route-import-refused = { $path }: route { $entry } names no service of the catalogue; nothing was changed.
cli-route-imported = Imported { $count } routes; new conversations follow them from now on.

## Ticket work from the agents' group.
agent-usage = Usage: { $command ->
    [ticket] /ticket N to see a ticket, or /ticket <urgency> <impact> inside a conversation to open one for it (urgency: critica, alta, media, baja; impact: extenso, significativo, moderado, menor).
    [estado] /estado N <status> [comment]; statuses: abierto, asignado, en_proceso, en_espera, resuelto, cerrado.
    [asignar] /asignar N <service or resolver>, for example: /asignar 12 redes.
    [prioridad] /prioridad N <urgency> <impact>, for example: /prioridad 12 alta moderado.
    [indicadores] /indicadores [YYYY-MM] or /reporte [YYYY-MM], for example: /indicadores 2026-11.
    [faq] /faq <text>: searches the knowledge base and offers the answers as buttons; the one you choose goes to the user.
   *[nota] /nota <text>: an internal note the user does not see.
}
agent-ticket-not-found = Ticket { $number } does not exist.
agent-status-changed = Ticket { $number }: now "{ $status ->
    [abierto] Open
    [asignado] Assigned
    [en_proceso] In progress
    [en_espera] On hold
    [resuelto] Resolved
   *[cerrado] Closed
}". The user was told.
agent-reassigned = Ticket { $number } reassigned to { $resolver }; it was mailed to them.
agent-assignee-unknown = I found no service or resolver matching "{ $target }".
agent-reassessed = Ticket { $number }: priority { $priority } (urgency { $urgency }, impact { $impact }).
agent-ticket-requested = The user was asked to accept the privacy notice and complete their details; they will get the number in chat and by e-mail.
agent-faq-title = Knowledge base for «{ $query }». The answer you choose goes to the user in your name:
agent-faq-lookup = Knowledge base for «{ $query }» (to read; inside a conversation, /faq offers to send the answer):
agent-faq-entry = ▸ { $question }
agent-faq-line = { $number }. { $question }
agent-faq-none = No knowledge base entries for «{ $query }». Try other words.
agent-faq-sent = { $agent } sent the answer of «{ $question }».
agent-faq-gone = That entry is no longer in the knowledge base; search again with /faq.
agent-template-sent = { $agent } sent the template «{ $name }».
agent-template-unknown = There is no template «{ $name }». Templates: { $names }.
agent-template-list = Templates: { $names }. Send one with /plantilla name.
agent-template-none = The help desk has no templates yet; an administrator adds them with «mesabot template add».
status-changed-notice = Your ticket { $number } changed status: { $status ->
    [abierto] Open
    [asignado] Assigned
    [en_proceso] In progress
    [en_espera] On hold
    [resuelto] Resolved
   *[cerrado] Closed
}.{ $comment ->
    [none] {""}
   *[other] {" "}Comment: { $comment }
}
mail-status-subject = Ticket { $number }: { $status ->
    [abierto] open
    [asignado] assigned
    [en_proceso] in progress
    [en_espera] on hold
    [resuelto] resolved
   *[cerrado] closed
}
mail-status-body =
    Hello { $name },

    Your ticket { $number } changed status: { $status ->
        [abierto] Open
        [asignado] Assigned
        [en_proceso] In progress
        [en_espera] On hold
        [resuelto] Resolved
       *[cerrado] Closed
    }.
    { $comment }

    To see its history, write to the Help Desk assistant: /estado { $number }

    Kind regards,
    { $bot }

## Transfer to a person or area (operations 10 to 13).
transfer-ask-who = Whom would you like to reach? Write the name of the person or area; for example: "redes" or "Patricia Núñez".
transfer-none = I found nobody with that name in the directory. Please write it another way, for example only the surname or the area's name.
transfer-pick = Choose whom you would like to reach, or write another name to search again:
transfer-ask-name = I will gladly put you through to { $target }. To announce you, may I have your full name?
transfer-ask-from = Where are you writing from? (agency, area or place)
transfer-bad-from = Please say in a few words where you write from (at most { $max } characters).
transfer-relayed = I put you through to { $name }: they know who is looking for them and from where. They will answer you right here; write what you need.
transfer-contact = { $name } ({ $area }) can help you at extension { $extension } or at { $email }.{ $mailed ->
    [yes] {" "}We let them know by e-mail that you are looking for them and from where.
   *[no] {""}
}
transfer-gone = That person is no longer in the directory.
transfer-intro = { $caller }, from { $from }, is looking for you through the DGSEI Help Desk.{ $problem ->
    [none] {""}
   *[other] {" "}About: "{ $problem }".
} What you write here reaches them; write /cerrar to finish.
mail-transfer-subject = { $caller } is looking for you through the Help Desk
mail-transfer-body =
    { $name }:

    { $caller }, from { $from }, is looking for you through the DGSEI Help Desk and was given your extension and e-mail to reach you.{ $problem ->
        [none] {""}
       *[other] {" "}About: "{ $problem }".
    }

    Kind regards,
    { $bot }
cli-directory-imported = Imported { $count } directory entries; the previous directory was replaced.
cli-directory-exported = Exported { $count } directory entries to { $path }.

## Calls (operations 10 and 14 to 24).
contact-kind = What do you need?
contact-inside = Reach a person or area of the DGSEI
contact-outside = A call to the outside (DGSEI staff only)
call-ask-email = Calls to the outside are only for DGSEI staff. Please write your institutional e-mail and I will send you a code to confirm it is you.
call-not-staff = I am sorry, this service is only for DGSEI staff and that address is not in the staff registry. If you think this is a mistake, please contact the Help Desk.
call-code-sent = I sent a 6-digit code to { $email }. Please write it here; it expires in 10 minutes.
call-code-format = The code has 6 digits. Please write it as it arrived in your mail.
call-code-wrong = The code does not match. { $left ->
    [one] You have one attempt left.
   *[other] You have { $left } attempts left.
}
call-code-dead = { $reason ->
    [expired] The code has expired.
   *[attempts] No attempts are left with that code.
} I will ask for a new one.
call-ask-person = Thank you, { $name }. Whom would you like to call? Please write the person's name.
call-ask-number = What phone number shall we call? (10 digits; you may add an extension)
call-ask-place = Which place or institution is that person from?
call-requested = I recorded your request to call { $person }. A Help Desk agent will place the call and I will tell you the result here. Please bear with me.
call-still-waiting = An agent is handling your call; I will tell you here as soon as there is a result.
call-answered = They answered: we are putting your call through to { $person }.
call-not-answered = Nobody answered at { $number }. Do you have another number, shall we try later, or is it no longer needed?
call-other-number = I have another number
call-later = Try later
call-not-needed = No longer needed
call-ask-when = When shall we try again?
call-in-minutes = { $minutes ->
    [60] In 1 hour
    [120] In 2 hours
   *[other] In { $minutes } minutes
}
call-retry-scheduled = All right: we will try the call again { $minutes ->
    [60] in 1 hour
    [120] in 2 hours
   *[other] in { $minutes } minutes
} and let you know here.
call-ended = All right, we will not call again.
call-later-result = About your call to { $person } at { $number }: { $answered ->
    [yes] they answered and we put your call through.
   *[no] nobody answered. If you need it, ask for a new call from the menu.
}
mail-code-subject = Your Help Desk code: { $code }
mail-code-body =
    { $name }:

    Your code to request a call to the outside in the Help Desk assistant is:

    { $code }

    It expires in 10 minutes. If you did not ask for it, please ignore this message.

    Kind regards,
    { $bot }
agent-call-request = Call to the outside #{ $call }: { $requester } ({ $email }) asks to call { $person }, from { $place }, at { $number }. Attempt { $attempt }.
agent-call-answered = Answered
agent-call-not-answered = Not answered
agent-call-reported = Call #{ $call }: { $answered ->
    [yes] answered
   *[no] not answered
} (recorded by { $agent }).

## General call report.
report-calls-columns = Number | Requested | Requester | E-mail | Person to call | Place | Attempt | Phone | Dialled | Result | Result time | Agent | Call status
report-calls-sheet = Calls { $month }
report-call-result = { $result ->
    [answered] Answered
    [not_answered] Not answered
   *[pending] Pending
}
report-call-status = { $status ->
    [answered] Answered
    [not_answered] No answer
    [retry] Retry later
    [not_needed] No longer needed
   *[pending] In progress
}
cli-call-reported = The result of call #{ $call } was recorded.
cli-call-not-pending = Call #{ $call } has no attempt waiting for a result.
cli-staff-imported = Imported { $count } people into the staff registry.
cli-report-written = Report written to { $path }.

## Monthly indicators (MEDICIÓN).
report-no-records = No records in { $month }: no conversations were received that month.
report-title = Indicators for { $month }: { $received } conversations received ({ $previous_month }: { $previous }).
report-formula-name = { $formula ->
    [first_level] Monthly % of calls handled by first-level support
    [second_level] Monthly % of calls handled by second-level support
    [transferred] Monthly % of calls transferred
   *[external] Monthly % of calls placed to the outside
}
report-formula = { $formula ->
    [first_level] Monthly % of calls handled by first-level support
    [second_level] Monthly % of calls handled by second-level support
    [transferred] Monthly % of calls transferred
   *[external] Monthly % of calls placed to the outside
}: { $percent } % ({ $count } of { $received }; previous month { $previous } %, change { $change })
report-other = Outside the DGSEI's services: { $out_of_scope } · Abandoned: { $abandoned } · In progress: { $open }
report-containment = Solved by the assistant alone: { $bot } ({ $bot_percent } %) · with an agent: { $agent } ({ $agent_percent } %)
report-times = Time to first answer: median { $median }, 90th percentile { $p90 } · Time for an agent to take it: median { $pick_up }
report-tickets = Tickets: { $open } open, { $resolved } resolved or closed · by service: { $services } · by kind: { $kinds } · by priority: { $priorities }
report-faq-top = Knowledge base answers that solved the most: { $entries }
report-unanswered = Searches without an answer (to improve the knowledge base): { $searches }
report-rejected = Answers that did not solve it («what was written» → answer shown): { $answers }
report-learned = Solved by a question the bot only suggested («what was written» → question that solved it): { $lessons }
report-sheet-knowledge = Knowledge base
report-knowledge-unanswered = Searches without an answer
report-knowledge-rejected = What the user wrote when the answer did not solve it
report-knowledge-entry = Answer shown
report-knowledge-learned = What the user wrote when a question the bot only suggested solved it
report-knowledge-solved-by = Question that solved it
report-knowledge-count = Times
report-knowledge-teach = For the bot to recognise it next time, add what the user wrote as an example of the question that does answer it: `mesabot faq example N "text"`, N being that question's number in `mesabot faq list`; `mesabot faq learn --add` adds at once what the suggested questions solved.
report-agents = Per agent (conversations, median time to take them, average rating): { $agents }
report-agent = { $name }: { $attended } · { $pick_up } · { $rating } ({ $rated })
report-sheet-agents = Agents
report-agents-name = Agent
report-agents-attended = Conversations
report-agents-pick-up = Median time to take (s)
report-agents-rating = Average rating
report-agents-rated = Ratings
report-column-metric = Indicator
report-sheet-indicators = Indicators
report-metric = { $metric ->
    [received] Calls (conversations) received
    [first_level] Handled by first-level support
    [second_level] Handled by second-level support
    [transferred] Transferred
    [external] Placed to the outside
    [out_of_scope] Outside the DGSEI's services
    [abandoned] Abandoned
    [open] In progress
    [resolved_by_bot] Solved by the assistant alone
    [resolved_by_agent] Solved with an agent
    [tickets_open] Tickets open
   *[tickets_resolved] Tickets resolved or closed
}
report-sheet-conversations = Conversations
report-sheet-tickets = Tickets
report-conversations-columns = Number | Channel | User | Start | First answer (s) | End | Outcome | Handled by
report-tickets-columns = Ticket | Opened | Service | Kind | Priority | Status | Resolver

## Satisfaction.
satisfaction-ask = If you like, how would you rate the attention you received? (1 = poor, 5 = excellent)
satisfaction-score = { $score }
satisfaction-thanks = Thank you for your rating! It helps us improve.
report-satisfaction = Satisfaction: { $count ->
    [0] no ratings
   *[other] average { $average } of 5 ({ $count } ratings: { $distribution }) · assistant: { $bot } · agents: { $agent }
}
report-chart-outcomes = Outcomes of { $month }
report-chart-trend = Indicators of the last months (%)
report-chart-outcome = { $outcome ->
    [first_level] First level
    [second_level] Second level
    [transferred] Transferred
    [external] Outside
    [out_of_scope] Out of scope
   *[abandoned] Abandoned
}
