## What the police did with an area's reports this week: in the chat, and on the area's public page.

menu-figures = اس ہفتے میرے علاقے میں کیا ہوا
figures-area = کس علاقے کے اعداد و شمار؟
figures-week =
    { $area }، پچھلے 7 دن:
    { $received ->
        [one] 1 رپورٹ موصول ہوئی
       *[other] { $received } رپورٹیں موصول ہوئیں
    }
    { $acted } پر پولیس نے کارروائی کی
    { $closed } بند ہوئیں
figures-median = ان میں سے آدھی رپورٹوں پر پولیس نے { $hours } گھنٹے کے اندر کام شروع کر دیا۔
figures-not-yet = ان میں سے کسی رپورٹ پر پولیس نے ابھی کام شروع نہیں کیا۔
figures-too-few = پچھلے 7 دن میں { $area } سے { $min_reports } سے کم رپورٹیں آئیں۔ یہ اتنی کم ہیں کہ اعداد و شمار دکھانے سے کسی کی نشاندہی ہو سکتی ہے۔ مین مینو کے لیے "مینو" بھیجیں۔

figures-page-title = { $area } میں پولیس کی کارکردگی
figures-page-period = پچھلے 7 دن میں محلہ پر کی گئی رپورٹیں، { $date } تک۔
figures-page-received = موصول ہونے والی رپورٹیں
figures-page-acted = جن پر پولیس نے کارروائی کی
figures-page-closed = بند ہو گئیں
figures-page-median = آدھی رپورٹوں پر کام شروع ہوا
figures-page-hours = { $hours } گھنٹے کے اندر
figures-page-not-yet = ابھی کسی پر کام شروع نہیں ہوا
figures-page-too-few = پچھلے 7 دن میں یہاں سے { $min_reports } سے کم رپورٹیں آئیں۔ یہ اتنی کم ہیں کہ اعداد و شمار دکھانے سے کسی کی نشاندہی ہو سکتی ہے۔
figures-page-note = یہاں صرف گنتی دکھائی جاتی ہے: نہ کوئی رپورٹ، نہ کسی شخص کا نام، نہ کوئی جگہ۔
figures-page-unknown = اس نام کا کوئی علاقہ نہیں ہے۔ علاقوں کے نام korangi، malir یا saddar جیسے ہوتے ہیں۔
