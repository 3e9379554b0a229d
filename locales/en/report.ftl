## Reporting a crime.

report-category = What happened? Choose the closest one.
category-mobile-snatching = Mobile phone snatching
category-mugging = Street robbery / mugging
category-vehicle-snatching = Car or motorcycle snatched at gunpoint
category-vehicle-theft = Car or motorcycle theft
category-burglary = House burglary
category-drug-dealing = Drug dealing
category-assault = Assault / violence
category-harassment = Harassment
category-suspicious-activity = Suspicious activity
category-other = Something else
# Reports made before car and motorcycle theft became one category keep showing theirs.
category-motorcycle-theft = Motorcycle theft

report-area = Where did it happen? Type the area (for example Korangi, Saddar, Gulshan-e-Iqbal) or pick a district.
report-place = Where exactly? Share your location, or type a landmark or street. You can also skip this.

report-when = When did it happen? Pick one, or type the date and time.
when-just-now = Just now
when-today = Earlier today
when-yesterday = Yesterday
when-this-week = In the last week
when-earlier = More than a week ago

report-description = Tell us what happened in your own words: what was taken, how many people, their vehicle or clothes, which way they went.
report-photo = If you have a photo (of the vehicle, the place or the person), send it now. Otherwise choose Skip.

report-anonymous =
    Do you want to report anonymously?
    If yes, we will not keep your number or name with the report. You will get a reference and a PIN to check it; keep both safe.

report-confirm =
    Please check your report:
    Crime: { $category }
    Area: { $area }
    Place: { $place }
    When: { $when }
    Photo: { $photo }
    Anonymous: { $anonymous }
    What happened: { $description }
confirm-submit = Send report
confirm-restart = Start again
confirm-cancel = Cancel

report-created =
    Your report has been sent to the police of { $area }. Your reference number is:
    { $reference }
    To check it later, open the menu and choose "Check a report".

report-created-anonymous =
    Your anonymous report has been sent to the police of { $area }. We have not kept your number with it.
    Reference:
    { $reference }
    PIN:
    { $pin }
    Write both down now: we cannot show the PIN again, and you need both to check the report.

report-leave = Leave this report? What you have written so far will not be sent.
report-leave-stop = Stop all police alerts and leave this report? What you have written so far will not be sent.
report-timeout = We didn't hear from you for a while, so I closed this report without sending it. Send any message to start again.

report-cancelled = Your report was cancelled and nothing was saved. Send "menu" whenever you want.
