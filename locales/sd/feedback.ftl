## After the police close a report.

feedback-closed =
    توهان جي رپورٽ
    { $reference }
    پوليس طرفان بند ڪئي وئي آهي.
feedback-rating = هن رپورٽ جي سلسلي ۾ پوليس توهان سان ڪهڙو ورتاءُ ڪيو؟ توهان جو جواب پوليس کي بهتري آڻڻ ۾ مدد ڏيندو.
feedback-rating-5 = تمام سٺو
feedback-rating-4 = سٺو
feedback-rating-3 = ٺيڪ
feedback-rating-2 = خراب
feedback-rating-1 = تمام خراب
feedback-again = ڇا توهان وري به اسان کي رپورٽ ڪندا؟
feedback-thanks = مهرباني. توهان جو جواب، نالي کان سواءِ، توهان جي علائقي جي پوليس سان شيئر ڪيو ويندو.
