using MediatR;

namespace AccountabilityTracker.Application.Tests;

public class MediatorRegistrationTests
{
    [Fact]
    public void Every_request_type_has_exactly_one_handler()
    {
        var requestTypes = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(IsRequest))
            .ToList();
        var handlers = DependencyInjection.FindHandlers()
            .Where(h => h.Service.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .ToList();

        Assert.NotEmpty(requestTypes);
        foreach (var requestType in requestTypes)
        {
            var count = handlers.Count(h => h.Service.GenericTypeArguments[0] == requestType);
            Assert.True(count == 1, $"{requestType.FullName} has {count} handlers; it needs exactly one.");
        }

        Assert.All(handlers, h => Assert.Contains(h.Service.GenericTypeArguments[0], requestTypes));
    }

    private static bool IsRequest(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IRequest<>);
}
