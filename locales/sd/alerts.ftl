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

    ان بابت پوليس کي جواب ڏيڻو هجي ته "آفيسر" لکي موڪليو.
alert-delivery-urgent =
    تڪڙو پوليس الرٽ

    { $text }

    ان بابت پوليس کي جواب ڏيڻو هجي ته "آفيسر" لکي موڪليو. ايمرجنسي ۾ { $police } تي ڪال ڪريو.
alert-quiet-override = هي الرٽ توهان کي آرام جي وقت ۾ ان ڪري مليو آهي جو پوليس ان کي تڪڙو قرار ڏنو آهي.
