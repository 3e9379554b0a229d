## Checking a report.

status-reference = اپنی رپورٹ کا ریفرنس نمبر لکھیں (یہ KHI-4F7K-Q9PX جیسا ہوتا ہے)۔
status-pin = یہ گمنام رپورٹ ہے۔ براہِ مہربانی اس کا 6 ہندسوں والا پن لکھیں۔
status-wrong-pin = یہ پن درست نہیں ہے۔
status-locked = کئی بار غلط پن لکھا گیا ہے۔ آپ کی حفاظت کے لیے یہ رپورٹ ایک گھنٹے کے لیے لاک کر دی گئی ہے۔ براہِ مہربانی کچھ دیر بعد دوبارہ کوشش کریں۔
status-not-found = اس ریفرنس نمبر سے کوئی ایسی رپورٹ نہیں ملی جو آپ دیکھ سکیں۔ نمبر ایک بار چیک کر کے دوبارہ لکھیں، یا واپس جانے کے لیے "مینو" لکھیں۔

status-show =
    رپورٹ:
    { $reference }
    { $category }، { $area }
    صورتحال: { $status }
    آخری اپ ڈیٹ: { $updated }
status-note = پولیس کا پیغام: { $note }

status-received = موصول ہو گئی ہے، جائزے کا انتظار ہے
status-in-review = پولیس اس کا جائزہ لے رہی ہے
status-action-taken = پولیس نے کارروائی کی ہے
status-closed = بند کر دی گئی ہے

status-changed =
    آپ کی رپورٹ کے بارے میں تازہ اطلاع
    { $reference }
    صورتحال: { $status }
