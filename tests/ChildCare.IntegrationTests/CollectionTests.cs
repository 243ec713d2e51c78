using System.Reflection;

namespace ChildCare.IntegrationTests;

/// <summary>
/// The two collections run side by side (xunit.runner.json): a test class left out of both would form a third and run
/// beside the in-process portal tests, sharing their static state. Every class says where it belongs.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CollectionTests
{
    [Fact]
    public void Every_test_class_runs_in_the_portal_collection_or_the_process_collection()
    {
        var classes = typeof(CollectionTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .ToList();
        classes.Count.ShouldBeGreaterThan(30);
        var outside = classes
            .Select(t => (Type: t, Name: CollectionOf(t)))
            .Where(c => c.Name is not (PortalCollection.Name or ProcessCollection.Name))
            .Select(c => $"{c.Type.Name}: {c.Name ?? "no collection"}")
            .ToList();
        outside.ShouldBeEmpty();
    }

    private static string? CollectionOf(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            var collection = t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(CollectionAttribute));
            if (collection is not null) return collection.ConstructorArguments[0].Value as string;
        }
        return null;
    }
}
