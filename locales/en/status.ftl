## Checking a report.

status-reference = Please type the reference number of your report (it looks like KHI-4F7K-Q9PX).
status-pin = Please type the 6-digit PIN that came with this reference. If the reference was wrong, type it again instead. (Reports made with your name need no PIN.)
status-no-match = That reference and PIN do not match a report you can see, or there were too many tries for it. Please check both and try again in a few minutes, or send "menu" to leave.
status-wait = Too many wrong PINs were typed from this chat. For everyone's safety, please wait { $minutes ->
        [one] a minute
       *[other] { $minutes } minutes
    } before you try again.

status-show =
    Report:
    { $reference }
    { $category }, { $area }
    Status: { $status }
    Last update: { $updated }
status-note = Message from the police: { $note }

status-received = Received, waiting to be reviewed
status-in-review = Being reviewed by the police
status-action-taken = The police have taken action
status-closed = Closed

status-changed =
    Update on your report
    { $reference }
    Status: { $status }

status-rejected-duplicate = Closed: the same incident was already reported
status-rejected-false = Closed: the report could not be confirmed
status-rejected-out-of-scope = Closed: this is not a matter for the police here

report-question-ask =
    The police have a question about your report
    { $reference }
    { $question }
    Please type your answer.
report-question-thanks = Thank you. Your answer has been added to your report.
