## Safety tips. Each tip is practical advice against the street crimes most reported in Karachi.

tips-topic = توهان ڪهڙيون حفاظتي صلاحون ڏسڻ چاهيو ٿا؟
tips-topic-phone = موبائل فون کسڻ
tips-topic-street = رستي تي ڦرلٽ
tips-topic-vehicle = ڪار ۽ موٽرسائيڪل جي چوري ۽ ڦرلٽ
tips-topic-home = گهر ۾ حفاظت
tips-topic-cash = نقد رقم ۽ اي ٽي ايم
tips-topic-harassment = هراساني
tips-topic-fraud = فون ۽ آن لائن ٺڳي
tips-topic-my-area = منهنجي علائقي ۾ ڇا رپورٽ ٿيو آهي

tips-area = ڪهڙو علائقو؟
tips-area-quiet = گذريل 90 ڏينهن ۾ { $area } مان ڪا به رپورٽ نه آئي آهي. عام صلاحن لاءِ ڪو موضوع چونڊيو.
tips-area-trend = گذريل 90 ڏينهن دوران { $area } ۾ سڀ کان وڌيڪ رپورٽ ٿيل ڏوهه آهي: { $top_category } ({ $top_count } { $top_count ->
        [one] رپورٽ
       *[other] رپورٽون
    }).

tips-show =
    حفاظتي صلاحون: { $topic }
    { $tips }
tips-none = هن موضوع تي اڃا ڪا صلاح موجود ناهي. مهرباني ڪري ڪو ٻيو موضوع چونڊيو.

tips-more = ٻيو ڪجهه؟
tips-another = ڪنهن ٻئي موضوع تي صلاحون
tips-back-to-menu = واپس مينيو ڏانهن
