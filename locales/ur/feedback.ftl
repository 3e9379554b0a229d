## After the police close a report.

feedback-closed =
    آپ کی رپورٹ
    { $reference }
    پولیس نے بند کر دی ہے۔
feedback-rating = اس رپورٹ کے سلسلے میں پولیس نے آپ کے ساتھ کیسا سلوک کیا؟ آپ کے جواب سے پولیس کو بہتری لانے میں مدد ملتی ہے۔
feedback-rating-5 = بہت اچھا
feedback-rating-4 = اچھا
feedback-rating-3 = ٹھیک ٹھاک
feedback-rating-2 = برا
feedback-rating-1 = بہت برا
feedback-again = کیا آپ آئندہ بھی ہمیں رپورٹ کریں گے؟
feedback-thanks = شکریہ۔ آپ کا جواب آپ کے نام کے بغیر آپ کے علاقے کی پولیس تک پہنچایا جاتا ہے۔
