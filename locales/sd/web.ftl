## The web chat page (for demonstrations and training).

web-title = محله — ڪميونٽي پوليس هيلپ لائين
web-placeholder = ميسيج لکو
web-send = موڪليو
web-location = لوڪيشن شيئر ڪريو
web-photo = تصوير موڪليو
web-offline = ڪنيڪشن ٽٽي ويو. ٻيهر ڳنڍجي رهيو آهي…
web-busy = هڪ ئي وقت ۾ گهڻا پيغام. توهان جو پيغام ٿوري دير ۾ موڪليو ويندو، ان کي ٻيهر لکڻ جي ضرورت ناهي.
web-demo-note = هي ڊيمو چيٽ آهي. ايمرجنسي ۾ { $police } تي ڪال ڪريو.
web-not-sent = هي ميسيج نه ويو. مهرباني ڪري ٻيهر موڪليو.
