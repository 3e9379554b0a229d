## What the police did with an area's reports this week: in the chat, and on the area's public page.

menu-figures = هن هفتي منهنجي علائقي ۾ ڇا ٿيو
figures-area = ڪهڙي علائقي جا انگ اکر؟
figures-week =
    { $area }، گذريل 7 ڏينهن:
    { $received ->
        [one] 1 رپورٽ ملي
       *[other] { $received } رپورٽون مليون
    }
    { $acted } تي پوليس ڪارروائي ڪئي
    { $closed } بند ٿيون
figures-median = انهن مان اڌ رپورٽن تي پوليس { $hours } ڪلاڪن اندر ڪم شروع ڪيو.
figures-not-yet = انهن مان ڪنهن به رپورٽ تي پوليس اڃا ڪم شروع نه ڪيو آهي.
figures-too-few = گذريل 7 ڏينهن ۾ { $area } مان { $min_reports } کان گهٽ رپورٽون آيون. اهي ايتريون ٿوريون آهن جو انگ اکر ڏيکارڻ سان ڪنهن جي سڃاڻپ ٿي سگهي ٿي. مکيه مينيو لاءِ "مينيو" موڪليو.

figures-page-title = { $area } ۾ پوليس جي ڪارڪردگي
figures-page-period = گذريل 7 ڏينهن ۾ محلي تي ڪيل رپورٽون، { $date } تائين.
figures-page-received = مليل رپورٽون
figures-page-acted = جن تي پوليس ڪارروائي ڪئي
figures-page-closed = بند ٿي ويون
figures-page-median = اڌ رپورٽن تي ڪم شروع ٿيو
figures-page-hours = { $hours } ڪلاڪن اندر
figures-page-not-yet = اڃا ڪنهن تي ڪم شروع نه ٿيو
figures-page-too-few = گذريل 7 ڏينهن ۾ هتان { $min_reports } کان گهٽ رپورٽون آيون. اهي ايتريون ٿوريون آهن جو انگ اکر ڏيکارڻ سان ڪنهن جي سڃاڻپ ٿي سگهي ٿي.
figures-page-note = هتي رڳو ڳڻپ ڏيکاري وڃي ٿي: نه ڪا رپورٽ، نه ڪنهن ماڻهوءَ جو نالو، نه ڪا جاءِ.
figures-page-unknown = هن نالي جو ڪو علائقو ناهي. علائقن جا نالا korangi، malir يا saddar جهڙا هوندا آهن.
