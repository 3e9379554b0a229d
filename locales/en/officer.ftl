## Talking to a community liaison officer.

officer-intro = A liaison officer for your area can answer you here. They are local officers who work with residents. In an emergency, don't wait: call { $police }.
officer-area = Which area are you in?
officer-message = What would you like to tell or ask the officer?
officer-escalated =
    Your message has been passed to the liaison officers for { $area }. An officer will reply in this chat, usually within one working day (9 am to 5 pm).
    Send "menu" if you want to do something else meanwhile.
officer-stop = Do you want to stop all police alerts? Either way, the officer can still answer you here.
officer-timeout = We haven't heard from you for a while, so I closed this chat. What you sent has reached the liaison officers, and their answer will come here. Send any message to do something else.
officer-talk = You can add anything else here; the officer will see it.
officer-after-hours =
    The liaison office is closed now. Your message is kept, and an officer will read it and answer in this chat from { $opens }.
    In an emergency, don't wait: call { $police }. Send "menu" if you want to do something else meanwhile.
officer-listen = Reply here and the officer will read it, or send "menu" to leave this chat.
officer-reply =
    Liaison officer { $officer }:
    { $text }
officer-closed = The liaison officer has closed this conversation. Thank you for writing to us. You can reach an officer again at any time with "officer".
officer-feedback = How did the liaison officer treat you? Your answer helps the police improve.
