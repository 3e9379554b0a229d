## What the police did with an area's reports this week: in the chat, and on the area's public page.

menu-figures = What happened in my area this week
figures-area = Figures for which area?
figures-week =
    { $area }, last 7 days:
    { $received ->
        [one] 1 report received
       *[other] { $received } reports received
    }
    { $acted } acted on by the police
    { $closed } closed
figures-median = Half of them were taken up by the police within { $hours ->
        [one] an hour
       *[other] { $hours } hours
    }.
figures-not-yet = The police have not yet taken up any of them.
figures-too-few = { $area } had fewer than { $min_reports } reports in the last 7 days: too few to show figures without pointing to anyone. Send "menu" for the main menu.

figures-page-title = Police activity in { $area }
figures-page-period = Reports made to Mohalla in the last 7 days, as of { $date }.
figures-page-received = Reports received
figures-page-acted = Acted on by the police
figures-page-closed = Closed
figures-page-median = Half were taken up within
figures-page-hours = { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    }
figures-page-not-yet = not yet taken up
figures-page-too-few = Fewer than { $min_reports } reports were made here in the last 7 days: too few to show figures without pointing to anyone.
figures-page-note = Only counts are shown here: no report, no person and no place.
figures-page-unknown = There is no area called that. Areas have names such as korangi, malir or saddar.
