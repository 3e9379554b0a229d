## Alerts the police send to the residents of an area.

alerts-prompt = پوليس هر علائقي لاءِ حفاظتي الرٽ موڪلي ٿي (رستن جي بندش، ڏوهن بابت خبرداري، صلاحون). توهان ڇا چاهيو ٿا؟
alerts-subscribe = ڪنهن علائقي جا الرٽ حاصل ڪريو
alerts-unsubscribe = سڀ الرٽ بند ڪريو
alerts-area = ڪهڙي علائقي جا الرٽ؟
alerts-subscribed = ٿي ويو. توهان کي { $area } لاءِ پوليس جا الرٽ ملندا. انهن کي بند ڪرڻ لاءِ ڪنهن به وقت "بند" لکي موڪليو.
alerts-unsubscribed = ٿي ويو. هاڻي توهان کي ڪو به الرٽ نه ملندو.

## An alert as residents receive it; $text is what the police wrote.

alert-delivery =
    پوليس الرٽ

    { $text }

    ان بابت پوليس کي ڪجهه ٻڌائڻو هجي ته هتي ئي جواب لکو.
alert-delivery-urgent =
    تڪڙو پوليس الرٽ

    { $text }

    ان بابت پوليس کي ڪجهه ٻڌائڻو هجي ته هتي ئي جواب لکو. ايمرجنسي ۾ { $police } تي ڪال ڪريو.
alert-quiet-override = هي الرٽ توهان کي آرام جي وقت ۾ ان ڪري مليو آهي جو پوليس ان کي تڪڙو قرار ڏنو آهي.

## What a resident wants of alerts: topics, a daily limit, quiet hours.

alerts-settings = موضوع، روزاني حد ۽ آرام جو وقت چونڊيو
alerts-topics-prompt = توهان ڪهڙا الرٽ چاهيو ٿا؟
alerts-topics-all = سڀ الرٽ
alerts-topics-choose = مان پاڻ موضوع چونڊيندس
alerts-topic-crime = ڏوهن بابت خبرداري (ڦرلٽ، ڌاڙا، ڀرپاسي جا ٻيا ڏوهه)؟
alerts-topic-safety = پوليس پاران حفاظتي صلاحون؟
alerts-topic-roads = رستن جي بندش ۽ ٽريفڪ؟
alerts-topic-missing = گم ٿيل ماڻهو؟
alerts-cap-prompt = ڏينهن ۾ وڌ ۾ وڌ ڪيترا الرٽ؟
alerts-cap-1 = ڏينهن ۾ 1
alerts-cap-3 = ڏينهن ۾ 3
alerts-cap-5 = ڏينهن ۾ 5
alerts-cap-none = ڪا حد ناهي
alerts-quiet-prompt = ڪهڙي وقت الرٽ توهان کي تنگ نه ڪن؟
alerts-quiet-22-7 = رات 10 کان صبح 7 وڳي تائين
alerts-quiet-23-8 = رات 11 کان صبح 8 وڳي تائين
alerts-quiet-21-6 = رات 9 کان صبح 6 وڳي تائين
alerts-quiet-none = ڪنهن به وقت ٺيڪ آهي
alerts-settings-saved = محفوظ ٿي ويو. روزاني حد: { $cap }. آرام جو وقت: { $quiet }. آرام جي وقت ۾ ايندڙ الرٽ ان جي پوري ٿيڻ تائين ترسندا. پوليس جا تڪڙا الرٽ پوءِ به ڪنهن به وقت اچي سگهن ٿا، ۽ انهن ۾ اهو ٻڌايو ويندو.

## A resident's answer to an alert, passed to the liaison officers.

alert-answer-passed =
    مهرباني. پوليس الرٽ تي توهان جو جواب { $area } جي رابطا آفيسرن تائين پهچايو ويو آهي. ڪو آفيسر هن ئي چيٽ ۾ توهان کي جواب ڏئي سگهي ٿو.
    توهان هتي ٻيو جيڪو ڪجهه به لکندا، اهو به انهن تائين پهچندو. ٻيو ڪجهه ڪرڻ چاهيو ته "مينيو" موڪليو.
alert-answer-after-hours =
    مهرباني. پوليس الرٽ تي توهان جو جواب { $area } جي رابطا آفيسرن لاءِ محفوظ ڪيو ويو آهي. رابطا آفيس هن وقت بند آهي؛ ڪو آفيسر { $opens } کان هن ئي چيٽ ۾ توهان کي جواب ڏئي سگهي ٿو.
    ايمرجنسي ۾ انتظار نه ڪريو: { $police } تي ڪال ڪريو. توهان هتي ٻيو جيڪو ڪجهه به لکندا، اهو به انهن تائين پهچندو. ٻيو ڪجهه ڪرڻ چاهيو ته "مينيو" موڪليو.
