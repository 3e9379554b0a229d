## The web chat page (for demonstrations and training).

web-title = محلہ — کمیونٹی پولیس ہیلپ لائن
web-placeholder = میسج لکھیں
web-send = بھیجیں
web-location = لوکیشن شیئر کریں
web-photo = تصویر بھیجیں
web-offline = کنکشن ٹوٹ گیا۔ دوبارہ کنیکٹ ہو رہا ہے…
web-busy = ایک ساتھ بہت زیادہ پیغامات۔ آپ کا پیغام تھوڑی دیر میں بھیج دیا جائے گا، اسے دوبارہ لکھنے کی ضرورت نہیں۔
web-demo-note = یہ ڈیمو چیٹ ہے۔ ایمرجنسی میں { $police } پر کال کریں۔
web-not-sent = یہ میسج نہیں گیا۔ براہِ کرم دوبارہ بھیجیں۔
