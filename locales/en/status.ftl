## Checking a report.

status-reference = Please type the reference number of your report (it looks like KHI-4F7K-Q9PX).
status-pin = This is an anonymous report. Please type its 6-digit PIN.
status-wrong-pin = That PIN is not right.
status-locked = Too many wrong PINs. For your safety this report is locked for an hour. Please try again later.
status-not-found = I couldn't find a report with that reference that you can see. Please check it and type it again, or send "menu" to leave.

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
