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

    To answer the police about it, send "officer".
alert-delivery-urgent =
    URGENT police alert

    { $text }

    To answer the police about it, send "officer". In an emergency call { $police }.
alert-quiet-override = You get this during your quiet hours because the police marked it urgent.
