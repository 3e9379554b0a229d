## Alerts the police send to the residents of an area.

alerts-prompt = پولیس ہر علاقے کے لیے حفاظتی الرٹس بھیجتی ہے (راستوں کی بندش، جرائم سے متعلق وارننگ، مشورے)۔ آپ کیا چاہیں گے؟
alerts-subscribe = کسی علاقے کے الرٹس حاصل کریں
alerts-unsubscribe = تمام الرٹس بند کریں
alerts-area = کس علاقے کے الرٹس؟
alerts-subscribed = ہو گیا۔ آپ کو { $area } کے پولیس الرٹس ملیں گے۔ انہیں بند کرنے کے لیے کسی بھی وقت "بند" بھیجیں۔
alerts-unsubscribed = ہو گیا۔ اب آپ کو کوئی الرٹ نہیں ملے گا۔

## An alert as residents receive it; $text is what the police wrote.

alert-delivery =
    پولیس الرٹ

    { $text }

    اس بارے میں پولیس کو کچھ بتانا ہو تو یہیں جواب لکھ دیں۔
alert-delivery-urgent =
    فوری پولیس الرٹ

    { $text }

    اس بارے میں پولیس کو کچھ بتانا ہو تو یہیں جواب لکھ دیں۔ ایمرجنسی میں { $police } پر کال کریں۔
alert-quiet-override = یہ الرٹ آپ کو آرام کے اوقات میں اس لیے ملا ہے کہ پولیس نے اسے فوری قرار دیا ہے۔

## What a resident wants of alerts: topics, a daily limit, quiet hours.

alerts-settings = موضوعات، روزانہ حد اور آرام کے اوقات چنیں
alerts-topics-prompt = آپ کون سے الرٹس چاہتے ہیں؟
alerts-topics-all = تمام الرٹس
alerts-topics-choose = میں خود موضوعات چنوں گا
alerts-topic-crime = جرائم سے متعلق وارننگ (چھیناجھپٹی، ڈکیتی، آس پاس کے دوسرے جرائم)؟
alerts-topic-safety = پولیس کی طرف سے حفاظتی مشورے؟
alerts-topic-roads = سڑکوں کی بندش اور ٹریفک؟
alerts-topic-missing = لاپتہ افراد؟
alerts-cap-prompt = دن میں زیادہ سے زیادہ کتنے الرٹس؟
alerts-cap-1 = دن میں 1
alerts-cap-3 = دن میں 3
alerts-cap-5 = دن میں 5
alerts-cap-none = کوئی حد نہیں
alerts-quiet-prompt = کن اوقات میں الرٹس آپ کو تنگ نہ کریں؟
alerts-quiet-22-7 = رات 10 سے صبح 7 بجے تک
alerts-quiet-23-8 = رات 11 سے صبح 8 بجے تک
alerts-quiet-21-6 = رات 9 سے صبح 6 بجے تک
alerts-quiet-none = کسی بھی وقت ٹھیک ہے
alerts-settings-saved = محفوظ ہو گیا۔ روزانہ حد: { $cap }۔ آرام کے اوقات: { $quiet }۔ آرام کے اوقات میں آنے والے الرٹس ان کے ختم ہونے تک رکے رہیں گے۔ پولیس کے فوری الرٹس پھر بھی کسی بھی وقت آ سکتے ہیں، اور ان میں یہ بتایا جائے گا۔

## A resident's answer to an alert, passed to the liaison officers.

alert-answer-passed =
    شکریہ۔ پولیس الرٹ پر آپ کا جواب { $area } کے رابطہ افسران تک پہنچا دیا گیا ہے۔ کوئی افسر اسی چیٹ میں آپ کو جواب دے سکتا ہے۔
    آپ یہاں مزید جو کچھ بھی لکھیں گے وہ بھی ان تک پہنچے گا۔ کچھ اور کرنا ہو تو "مینو" بھیج دیں۔
alert-answer-after-hours =
    شکریہ۔ پولیس الرٹ پر آپ کا جواب { $area } کے رابطہ افسران کے لیے محفوظ کر لیا گیا ہے۔ رابطہ دفتر اس وقت بند ہے؛ کوئی افسر { $opens } سے اسی چیٹ میں آپ کو جواب دے سکتا ہے۔
    ایمرجنسی میں انتظار نہ کریں: { $police } پر کال کریں۔ آپ یہاں مزید جو کچھ بھی لکھیں گے وہ بھی ان تک پہنچے گا۔ کچھ اور کرنا ہو تو "مینو" بھیج دیں۔
