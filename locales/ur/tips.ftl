## Safety tips. Each tip is practical advice against the street crimes most reported in Karachi.

tips-topic = آپ کس بارے میں حفاظتی مشورے چاہتے ہیں؟
tips-topic-phone = موبائل چھیننا
tips-topic-street = سڑک پر لوٹ مار
tips-topic-vehicle = گاڑی اور موٹر سائیکل کی چوری اور چھینا جھپٹی
tips-topic-home = گھر کی حفاظت
tips-topic-cash = کیش اور اے ٹی ایم
tips-topic-harassment = ہراسانی
tips-topic-fraud = فون اور آن لائن فراڈ
tips-topic-my-area = میرے علاقے میں کیا رپورٹ ہو رہا ہے

tips-area = کون سا علاقہ؟
tips-area-quiet = پچھلے 90 دنوں میں { $area } سے کوئی رپورٹ نہیں آئی۔ عام مشوروں کے لیے کوئی موضوع چنیں۔
tips-area-trend = پچھلے 90 دنوں میں { $area } میں سب سے زیادہ رپورٹ ہونے والا جرم یہ ہے: { $top_category } ({ $top_count } { $top_count ->
        [one] رپورٹ
       *[other] رپورٹیں
    })۔

tips-show =
    حفاظتی مشورے: { $topic }
    { $tips }
tips-none = اس موضوع پر ابھی کوئی مشورہ موجود نہیں۔ براہِ کرم کوئی اور موضوع چنیں۔

tips-more = اور کچھ؟
tips-another = کسی اور موضوع پر مشورے
tips-back-to-menu = واپس مینو پر
