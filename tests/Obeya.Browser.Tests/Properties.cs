// Each browser test class starts its own server and Chromium. Two classes at a time: one alone leaves a core idle
// while it waits on the page (the whole suite took 12m51s one by one), and more than two starve each other.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
