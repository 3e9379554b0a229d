## صرف ٹیلیگرام۔

telegram-group-notice = جرم کی رپورٹ کرنے یا پولیس سے بات کرنے کے لیے براہِ مہربانی مجھے الگ سے میسج کریں، تاکہ اس گروپ میں کوئی اور اسے نہ دیکھے: { $link }

telegram-command-start = شروع کریں، یا زبان چنیں
telegram-command-menu = مین مینو
telegram-command-help = یہاں کیا کیا ہو سکتا ہے
telegram-command-language = زبان تبدیل کریں
telegram-command-stop = الرٹس بند کریں
