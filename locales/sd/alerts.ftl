## Alerts the police send to the residents of an area.

alerts-prompt = پوليس هر علائقي لاءِ حفاظتي الرٽ موڪلي ٿي (رستن جي بندش، ڏوهن بابت خبرداري، صلاحون). توهان ڇا چاهيو ٿا؟
alerts-subscribe = ڪنهن علائقي جا الرٽ حاصل ڪريو
alerts-unsubscribe = سڀ الرٽ بند ڪريو
alerts-area = ڪهڙي علائقي جا الرٽ؟
alerts-subscribed = ٿي ويو. توهان کي { $area } لاءِ پوليس جا الرٽ ملندا. انهن کي بند ڪرڻ لاءِ ڪنهن به وقت "بند" لکي موڪليو.
alerts-unsubscribed = ٿي ويو. هاڻي توهان کي ڪو به الرٽ نه ملندو.
