## Safety tips. Each tip is practical advice against the street crimes most reported in Karachi.

tips-topic = Which safety tips would you like?
tips-topic-phone = Mobile phone snatching
tips-topic-street = Street robbery
tips-topic-vehicle = Car and motorcycle theft or snatching
tips-topic-home = Safety at home
tips-topic-cash = Cash and ATMs
tips-topic-harassment = Harassment
tips-topic-fraud = Phone and online fraud
tips-topic-my-area = What is reported in my area

tips-area = Which area?
tips-area-quiet = No reports from { $area } in the last 90 days. Pick a topic for general tips.
tips-area-trend = In { $area }, the crime reported most in the last 90 days is: { $top_category } ({ $top_count ->
        [one] 1 report
       *[other] { $top_count } reports
    }).

tips-show =
    Safety tips: { $topic }
    { $tips }
tips-none = There are no tips on this topic yet. Please pick another one.

tips-more = Anything else?
tips-another = Tips on another topic
tips-back-to-menu = Back to the menu
