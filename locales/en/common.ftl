## Used by the engine at any step, and the first-contact messages.

emergency =
    If you are in danger right now, call:
    Police emergency (Madadgar): { $police }
    Rescue (ambulance, fire, accidents): { $rescue }
    Edhi ambulance: { $edhi }
    Chhipa ambulance: { $chhipa }
    CPLC, the citizens' police liaison (stolen or snatched vehicles and phones): { $cplc }
    This chat is not watched all the time, so please call first.

help =
    You can type these at any time:
    • menu or 0: the main menu
    • language: change language
    • officer: talk to a liaison officer
    • stop: stop alerts (start: turn them back on)
    In an emergency call police at { $police }.

not-understood-kept = Your answers so far are kept. If you are stuck, send "help" to see what you can type, or "menu" to leave.
timeout-reset = We didn't hear from you for a while, so I closed this conversation. Send any message to start again.
unsupported-input = Sorry, I can only read text, photos and shared locations here.
unsupported-edited = I don't read changes to messages already sent. Please send a new message instead.
unsupported-too-large = That file is too large for me. Please send a smaller photo.
unsupported-too-long = That message is too long for me to read. Please send a shorter one.
unsupported-not-an-image = I can only take photos (JPEG, PNG or WebP). Please send a photo instead.
unsupported-media-failed = I couldn't receive your photo. Please send it again.

choice-skip = Skip
choice-yes = Yes
choice-no = No
choice-none-of-these = None of these

value-none = —
value-photo = Photo attached

hint-choice = Please pick one of the options, or type its number.
hint-yesno = Please answer yes or no (or type 1 or 2).
hint-text = Please write your answer as a text message.
hint-too-long = That is too long. Please keep it shorter.
hint-reference = A reference looks like KHI-4F7K-Q9PX. Please type it again.
hint-pin = The PIN has 6 digits. Please type it again.
hint-place = Please share your location, or type a landmark or street name.
hint-photo = Please send a photo, or choose Skip.
hint-area = I couldn't find that area. Type its name again (for example Korangi or Gulshan-e-Iqbal), or pick your district.

area-pick-town = Which area in this district? Pick one, or type its name.
area-other-in-district = Another area in this district
area-district-choice = { $district } ({ $first }, { $second }, { $third })
area-did-you-mean = Did you mean one of these?

language-prompt = Choose your language: reply 1, 2 or 3.
language-ur = اردو
language-sd = سنڌي
language-en = English

welcome =
    Welcome to Mohalla, the Karachi community police helpline.
    Here you can report a crime, even anonymously, check your report, get safety tips and alerts, and talk to a liaison officer.
    In an emergency call { $police } straight away.

menu-prompt = What would you like to do? Reply with a number.
menu-report = Report a crime
menu-status = Check a report
menu-tips = Safety tips
menu-alerts = Alerts for my area
menu-officer = Talk to an officer
menu-language = Change language

stopped = You will no longer get alerts from us. You can still message us any time. Send "start" to turn alerts back on.
started = Alerts are on again.

error-sorry = Sorry, something went wrong on our side and I could not answer your last message. Please send "menu" and try again.
flood-slow-down = You are sending messages faster than I can answer them. Nothing is lost: I will answer each one in turn, so please wait a moment before sending more.
