## Alerts the police send to the residents of an area.

alerts-prompt = The police send safety alerts for each area (road closures, crime warnings, advice). What would you like?
alerts-subscribe = Get alerts for an area
alerts-unsubscribe = Stop all alerts
alerts-area = Alerts for which area?
alerts-subscribed = Done. You will get police alerts for { $area }. Send "stop" at any time to stop them.
alerts-unsubscribed = Done. You will not get any more alerts.

## An alert as residents receive it; $text is what the police wrote.

alert-delivery =
    Police alert

    { $text }

    To answer the police about it, just reply here.
alert-delivery-urgent =
    URGENT police alert

    { $text }

    To answer the police about it, just reply here. In an emergency call { $police }.
alert-quiet-override = You get this during your quiet hours because the police marked it urgent.

## What a resident wants of alerts: topics, a daily limit, quiet hours.

alerts-settings = Choose topics, a daily limit and quiet hours
alerts-topics-prompt = Which alerts would you like?
alerts-topics-all = All alerts
alerts-topics-choose = Let me choose topics
alerts-topic-crime = Crime warnings (snatchings, robberies, other crimes nearby)?
alerts-topic-safety = Safety advice from the police?
alerts-topic-roads = Road closures and traffic?
alerts-topic-missing = Missing people?
alerts-cap-prompt = At most how many alerts a day?
alerts-cap-1 = 1 a day
alerts-cap-3 = 3 a day
alerts-cap-5 = 5 a day
alerts-cap-none = No limit
alerts-quiet-prompt = When should alerts not disturb you?
alerts-quiet-22-7 = 10 pm to 7 am
alerts-quiet-23-8 = 11 pm to 8 am
alerts-quiet-21-6 = 9 pm to 6 am
alerts-quiet-none = Any time is fine
alerts-settings-saved = Saved. Daily limit: { $cap }. Quiet hours: { $quiet }. Alerts that come in your quiet hours wait until they end. Urgent alerts from the police still reach you at any time, and say so.

## A resident's answer to an alert, passed to the liaison officers.

alert-answer-passed =
    Thank you. Your answer to the police alert has been passed to the liaison officers for { $area }. An officer may reply in this chat.
    Anything else you write here reaches them too. Send "menu" to do something else.
alert-answer-after-hours =
    Thank you. Your answer to the police alert is kept for the liaison officers for { $area }. Their office is closed now; an officer may reply in this chat from { $opens }.
    In an emergency, don't wait: call { $police }. Anything else you write here reaches them too. Send "menu" to do something else.
