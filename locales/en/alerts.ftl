## Alerts the police send to the residents of an area.

alerts-prompt = The police send safety alerts for each area (road closures, crime warnings, advice). What would you like?
alerts-subscribe = Get alerts for an area
alerts-unsubscribe = Stop all alerts
alerts-area = Alerts for which area?
alerts-subscribed = Done. You will get police alerts for { $area }. Send "stop" at any time to stop them.
alerts-unsubscribed = Done. You will not get any more alerts.
