## After the police close a report.

feedback-closed =
    Your report
    { $reference }
    has been closed by the police.
feedback-rating = How did the police treat you with this report? Your answer helps them improve.
feedback-rating-5 = Very well
feedback-rating-4 = Well
feedback-rating-3 = OK
feedback-rating-2 = Badly
feedback-rating-1 = Very badly
feedback-again = Would you report to us again?
feedback-thanks = Thank you. Your answer is shared with the police of your area without your name.
