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

    اس بارے میں پولیس کو جواب دینا ہو تو "افسر" لکھ کر بھیجیں۔
alert-delivery-urgent =
    فوری پولیس الرٹ

    { $text }

    اس بارے میں پولیس کو جواب دینا ہو تو "افسر" لکھ کر بھیجیں۔ ایمرجنسی میں { $police } پر کال کریں۔
alert-quiet-override = یہ الرٹ آپ کو آرام کے اوقات میں اس لیے ملا ہے کہ پولیس نے اسے فوری قرار دیا ہے۔
