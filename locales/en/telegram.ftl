## Telegram only.

telegram-group-notice = To report a crime or talk to the police, please message me privately, so that nobody else in this group sees it: { $link }

telegram-command-start = Start, or choose the language
telegram-command-menu = Main menu
telegram-command-help = What I can do
telegram-command-language = Change language
telegram-command-stop = Stop alerts
