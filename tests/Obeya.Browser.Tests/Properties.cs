using System.Reflection;
using Obeya.Browser.Tests;
using Xunit.Sdk;

// Each browser test class starts its own server and Chromium; side by side on two cores they starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: ClosePagesAfterEachTest]

namespace Obeya.Browser.Tests;

/// <summary>Closes the browser contexts a test opened once it ends, pass or fail (see <see cref="BrowserFixture"/>).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ClosePagesAfterEachTestAttribute : BeforeAfterTestAttribute
{
    // Off xunit's synchronization context, so Playwright's continuations cannot wait for the thread this blocks.
    public override void After(MethodInfo methodUnderTest) =>
        Task.Run(BrowserFixture.CloseOpenContextsAsync).GetAwaiter().GetResult();
}
