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
words-yes = yes, y, yeah, yep, sure, ok, okay, it worked, solved, thanks, yes thanks, correct
words-no = no, n, nope, not yet, still not working, it did not work, no thanks

## Second-level support (operations 6 to 9).
second-level-next = I am sorry it was not solved. The next step is second-level support: a ticket is opened and a specialised resolver takes care of it.
second-level-unavailable = Opening tickets through this channel is not enabled yet. To have your ticket opened, please call the Help Desk and mention what you already told me: "{ $problem }".
second-level-unavailable-no-problem = Opening tickets through this channel is not enabled yet. To have your ticket opened, please call the Help Desk.

## Menu options that come in later versions.
ticket-status-unavailable = Ticket status queries through this channel are not enabled yet. Meanwhile, the Help Desk can tell you by phone with your ticket number.
contact-unavailable = Transfers to a person or area through this channel are not enabled yet. Meanwhile, the Help Desk can put you through by phone.

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
    • Point you in the right direction when your matter is not a DGSEI service.

    Commands:
    /start: start or show the menu
    /ayuda: show this help
    /cancelar: leave the current step and go back to the menu
cancelled = All right, we leave that step.
stale-choice = That option is no longer available.
unsupported-message = For now I can only read text messages. Please write your question.
error-try-again = I had a problem processing your message. Please try again in a moment.
unknown-command = I do not know that command. Write /ayuda to see what I can do.
command-start = Start or show the menu
command-help = See what I can do
command-cancel = Leave the current step and go back to the menu

## Terminal mode.
terminal-intro = Terminal conversation mode. Type the number of an option or your message; Ctrl+D to quit.
terminal-resume = (We continue the conversation where it was left.)
terminal-choice-out-of-range = There is no option { $number }. Choose a number from the list or type your message.
terminal-bye = Goodbye. The conversation is saved and you can continue it later.

## Administration command line.
cli-faq-imported = Imported { $count } frequently asked questions; the previous knowledge base was replaced.
cli-faq-exported = Exported { $count } frequently asked questions to { $path }.
cli-faq-empty = The knowledge base is empty.
