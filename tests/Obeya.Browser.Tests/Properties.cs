// Each browser test class starts its own server and Chromium; side by side on two cores they starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
